"""공익신고 (공익신고자 보호법): the register by pseudonym, designated officers and the sealed identity."""
