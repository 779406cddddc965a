"""청원 (청원법): the petition desk, the public petition form (/cheongwon/) and the 청원심의회."""
