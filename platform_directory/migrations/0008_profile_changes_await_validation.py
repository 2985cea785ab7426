"""Changes of key figures after a validation wait in `pending_figures`; the columns keep the validated figures.

Before this migration an edit after validation went straight into the columns, so visitors saw figures no
coordinator had checked. For each profile sent back for validation, the changed figures move to `pending_figures`
and the columns get the validated ones back (a changed country takes its NUTS 2 code along; the validated code was
not recorded, so the public one is left empty until the change is validated). A profile whose validated name is now
taken by another one in its country keeps its columns; it stays out of the public directory until validated.
"""

from decimal import Decimal

from django.db import IntegrityError, migrations, models, transaction

KEY_FIGURES = (
    "name",
    "country",
    "website",
    "companies",
    "smes",
    "research_education",
    "public_bodies",
    "others",
    "management_fte",
    "website_in_english",
)


def _json(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def hold_back_unvalidated_figures(apps, schema_editor):
    ClusterOrganisation = apps.get_model("platform_directory", "ClusterOrganisation")
    restored = []
    rows = ClusterOrganisation.objects.exclude(validation_status="validated").exclude(validated_figures={})
    for organisation in rows.filter(validated_at__isnull=False).iterator():
        validated = organisation.validated_figures
        pending = {
            field: _json(getattr(organisation, field))
            for field in KEY_FIGURES
            if field in validated and _json(getattr(organisation, field)) != validated[field]
        }
        if not pending:
            continue
        if "country" in pending:
            pending["nuts2_code"] = organisation.nuts2_code
            organisation.nuts2_code = ""
        for field in pending:
            if field in validated:
                setattr(organisation, field, validated[field])
        organisation.pending_figures = pending
        try:
            with transaction.atomic():
                organisation.save(update_fields=[*pending, "pending_figures"])
        except IntegrityError:
            continue
        restored.append(organisation.pk)
    if restored and schema_editor.connection.vendor == "postgresql":
        from platform_directory.services import organisation_search_vector_update

        organisation_search_vector_update(ids=restored)


def apply_pending_figures(apps, schema_editor):
    ClusterOrganisation = apps.get_model("platform_directory", "ClusterOrganisation")
    for organisation in ClusterOrganisation.objects.exclude(pending_figures={}).iterator():
        pending = organisation.pending_figures
        for field, value in pending.items():
            setattr(organisation, field, value)
        try:
            with transaction.atomic():
                organisation.save(update_fields=list(pending))
        except IntegrityError:
            continue


class Migration(migrations.Migration):
    dependencies = [
        ("platform_directory", "0007_accent_insensitive_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="clusterorganisation",
            name="pending_figures",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "Key figures the managers changed after the last validation. Visitors see the validated figures "
                    "until a coordinator validates these."
                ),
                verbose_name="changes awaiting validation",
            ),
        ),
        migrations.RunPython(hold_back_unvalidated_figures, apply_pending_figures),
    ]
