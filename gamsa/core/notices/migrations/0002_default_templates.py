from django.db import migrations


def templates(apps, schema_editor):
    from gamsa.core.notices.seeds import seed_templates

    seed_templates(apps)


def remove(apps, schema_editor):
    apps.get_model("notices", "NoticeTemplate").objects.filter(note="기본 서식").delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(templates, remove)]
