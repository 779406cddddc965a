"""A case can come from 청렴톡: the source choice and the link to the report (by reference, no content)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0002_seed"),
        ("investigations", "0002_seed_allegation_types"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="hotline_report",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="hotline.report",
                verbose_name="청렴톡 신고",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="source",
            field=models.CharField(
                choices=[
                    ("external", "외부기관 통보"),
                    ("public_interest", "공익신고"),
                    ("internal", "내부 인지"),
                    ("grievance", "민원"),
                    ("hotline", "청렴톡"),
                ],
                max_length=20,
                verbose_name="사건 출처",
            ),
        ),
    ]
