"""One interface for text messages (SMS/LMS and 카카오 알림톡), with a console backend and the SOLAPI adapter,
and the e-mail sender over Django's mail framework.

A provider either returns a `Sent` or raises `SendError` whose `code` is a short machine code fit for the log and
the notice row: never a phone number, an address, a name or the text (the SDK's own messages can carry them).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


class SendError(Exception):
    def __init__(self, code: str, *, retry: bool = True):
        super().__init__(code)
        self.code = code[:60]
        self.retry = retry


@dataclass
class TextMessage:
    to: str
    text: str
    subject: str = ""
    kakao_template_id: str = ""  # set: send as 알림톡 (with SMS fallback); empty: SMS/LMS
    variables: dict = field(default_factory=dict)
    reference: str = ""  # our delivery's public id, sent back by the provider in reports


@dataclass
class Sent:
    message_id: str
    sent_as: str


class TextProvider:
    """Send one text message. Subclasses implement `send`."""

    name = "base"

    def send(self, message: TextMessage) -> Sent:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleProvider(TextProvider):
    """The demo's provider: nothing leaves the machine; the log says that a message went, not what or to whom."""

    name = "console"

    def send(self, message: TextMessage) -> Sent:
        kind = "ATA" if message.kakao_template_id else ("LMS" if _is_long(message.text) else "SMS")
        message_id = f"console-{uuid.uuid4().hex[:16]}"
        logger.info("text notice %s sent by the console backend as %s", message.reference, kind)
        return Sent(message_id=message_id, sent_as=kind)


def _is_long(text: str) -> bool:
    """SMS holds 90 bytes in EUC-KR (a Hangul syllable is 2); longer is LMS."""
    try:
        return len(text.encode("euc-kr", errors="replace")) > 90
    except LookupError:  # pragma: no cover
        return len(text) > 45


class SolapiProvider(TextProvider):
    """SOLAPI (solapi on PyPI, the SDK of SOLAPI/CoolSMS). `SolapiMessageService.send` posts to
    `{base_url}/messages/v4/send-many/detail`; `base_url` is an attribute of the service, set from
    GAMSA_SOLAPI_BASE_URL (the tests point it at a local fake server)."""

    name = "solapi"

    def __init__(self):
        from solapi import SolapiMessageService

        self.service = SolapiMessageService(settings.GAMSA_SOLAPI_API_KEY, settings.GAMSA_SOLAPI_API_SECRET)
        self.service.base_url = settings.GAMSA_SOLAPI_BASE_URL

    def send(self, message: TextMessage) -> Sent:
        from solapi.error.MessageNotReceiveError import MessageNotReceivedError
        from solapi.model import KakaoOption
        from solapi.model.request.message import Message

        fields = {
            "to": message.to,
            "from_": settings.GAMSA_SMS_SENDER,
            "text": message.text,
            "custom_fields": {"notice": message.reference} if message.reference else None,
        }
        if message.kakao_template_id and settings.GAMSA_KAKAO_PF_ID:
            fields["kakao_options"] = KakaoOption(
                pf_id=settings.GAMSA_KAKAO_PF_ID,
                template_id=message.kakao_template_id,
                variables=message.variables,
                disable_sms=False,  # 대체발송: if the 알림톡 cannot be delivered, SOLAPI sends the text as SMS/LMS
            )
        elif _is_long(message.text) and message.subject:
            fields["subject"] = message.subject[:40]
        try:
            response = self.service.send(Message(**fields))
        except MessageNotReceivedError as exc:
            codes = sorted({f.status_code for f in exc.failed_messages or []})
            raise SendError(f"solapi:rejected:{','.join(codes) or 'unknown'}", retry=False) from None
        except Exception as exc:  # the SDK raises bare Exception(errorCode, errorMessage) and httpx errors
            raise SendError(_error_code(exc)) from None
        items = response.message_list or []
        message_id = items[0].message_id if items else response.group_info.group_id
        sent_as = "ATA" if "kakao_options" in fields else ("LMS" if _is_long(message.text) else "SMS")
        return Sent(message_id=message_id, sent_as=sent_as)


def _error_code(exc: Exception) -> str:
    """A short code from the SDK's exception: its errorCode (4xx), 'http5xx' or the transport error's class."""
    import httpx

    if isinstance(exc, httpx.HTTPError):
        return f"solapi:{type(exc).__name__}"
    first = exc.args[0] if exc.args else ""
    if isinstance(first, str) and first.replace("_", "").replace(".", "").isalnum() and len(first) <= 40:
        return "solapi:http5xx" if first == "UnknownError" else f"solapi:{first}"
    return f"solapi:{type(exc).__name__}"


def text_provider() -> TextProvider:
    if settings.GAMSA_SMS_BACKEND == "solapi":
        return SolapiProvider()
    return ConsoleProvider()


def send_email(*, to: str, subject: str, body: str, reference: str) -> Sent:
    """One mail through Django's configured backend (SMTP in production, console in the demo)."""
    domain = (settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost").strip(">")
    message_id = make_msgid(domain=domain)
    mail = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, "X-Gamsa-Notice": reference},
    )
    try:
        mail.send(fail_silently=False)
    except (
        Exception
    ) as exc:  # smtplib and socket errors carry the refused address in their text: keep the class
        raise SendError(f"email:{type(exc).__name__}") from None
    return Sent(message_id=message_id, sent_as="EMAIL")
