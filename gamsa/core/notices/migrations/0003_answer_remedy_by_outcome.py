"""The answer notice's remedy sentence becomes #{불복안내}, filled only under 불수용·거부·일부 수용 (ADR 0031): a new
version of the answer template from 2026. 12. 7., where the office still used the default wording unchanged."""

from django.db import migrations


def add_version(apps, schema_editor):
    from gamsa.core.notices.seeds import ANSWER_BODY_2026_1, REMEDY_VERSION_FROM, TEMPLATES

    NoticeTemplate = apps.get_model("notices", "NoticeTemplate")
    current = NoticeTemplate.objects.filter(kind="answer").order_by("-effective_from", "-id").first()
    if current is None or current.body != ANSWER_BODY_2026_1:
        return  # none yet (0002 seeds the new wording) or the office wrote its own
    subject, body = TEMPLATES["answer"]
    NoticeTemplate.objects.create(
        kind="answer",
        effective_from=REMEDY_VERSION_FROM,
        subject=current.subject,
        body=body,
        kakao_template_id=current.kakao_template_id,
        note="불복 구제 안내는 불수용·거부·일부 수용 답변에만",
    )


def remove_version(apps, schema_editor):
    from gamsa.core.notices.seeds import REMEDY_VERSION_FROM

    apps.get_model("notices", "NoticeTemplate").objects.filter(
        kind="answer", effective_from=REMEDY_VERSION_FROM, note="불복 구제 안내는 불수용·거부·일부 수용 답변에만"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0002_default_templates")]

    operations = [migrations.RunPython(add_version, remove_version)]
