from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("integrity", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name='awardround',
            constraint=models.UniqueConstraint(fields=('year', 'kind'), name='award_round_once'),
        ),
        migrations.AddIndex(
            model_name='integrityevent',
            index=models.Index(fields=['kind', 'held_on'], name='integrity_i_kind_cfa104_idx'),
        ),
        migrations.AddIndex(
            model_name='batch',
            index=models.Index(fields=['purge_after', 'purged_at'], name='integrity_b_purge_a_467cb7_idx'),
        ),
        migrations.AddIndex(
            model_name='batch',
            index=models.Index(fields=['created_at'], name='integrity_b_created_484d68_idx'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('event', 'user'), name='participant_once'),
        ),
        migrations.AddConstraint(
            model_name='pledgetext',
            constraint=models.UniqueConstraint(fields=('year', 'version'), name='pledge_text_version'),
        ),
        migrations.AddIndex(
            model_name='pledgesignature',
            index=models.Index(fields=['year', 'unit'], name='integrity_p_year_e01e0a_idx'),
        ),
        migrations.AddConstraint(
            model_name='pledgesignature',
            constraint=models.UniqueConstraint(fields=('year', 'user'), name='pledge_once_a_year'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(fields=('questionnaire', 'user'), name='invitation_once'),
        ),
        migrations.AddConstraint(
            model_name='recipient',
            constraint=models.UniqueConstraint(fields=('batch', 'position'), name='recipient_position'),
        ),
        migrations.AddIndex(
            model_name='response',
            index=models.Index(fields=['questionnaire', 'group'], name='integrity_r_questio_1db3b1_idx'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.UniqueConstraint(fields=('questionnaire', 'number'), name='question_number'),
        ),
        migrations.AddConstraint(
            model_name='score',
            constraint=models.UniqueConstraint(fields=('nominee', 'criterion'), name='score_once'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['course', 'held_on'], name='integrity_s_course__f667fe_idx'),
        ),
        migrations.AddIndex(
            model_name='completion',
            index=models.Index(fields=['completed_on', 'course'], name='integrity_c_complet_3aaf49_idx'),
        ),
        migrations.AddIndex(
            model_name='completion',
            index=models.Index(fields=['user', 'completed_on'], name='integrity_c_user_id_9d8570_idx'),
        ),
        migrations.AddConstraint(
            model_name='completion',
            constraint=models.UniqueConstraint(fields=('course', 'employee_number', 'completed_on'), name='completion_once_a_day'),
        ),
        migrations.AddIndex(
            model_name='staffstage',
            index=models.Index(fields=['year', 'stage'], name='integrity_s_year_a0c630_idx'),
        ),
        migrations.AddConstraint(
            model_name='staffstage',
            constraint=models.UniqueConstraint(fields=('user', 'year', 'stage'), name='staff_stage_once'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('meeting', 'number'), name='agenda_number'),
        ),
    ]
