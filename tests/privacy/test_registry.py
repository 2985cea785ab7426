"""The registry of holdings closes the class: every relation of every model to a person is exported and handled by
the deletion, or explained. A new model with a foreign key to the user (or an e-mail field) fails here until it is
added to privacy.registry, and the fixture of tests/privacy/conftest.py fails until it holds one such record."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from privacy import exports
from privacy.registry import EXCLUDED, HOLDINGS, Erase
from privacy.services import ERASURE_STEPS


def relations_to_the_user():
    """(model label, field name, field) of every concrete foreign key, one-to-one and many-to-many to the user."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=False):
        for field in model._meta.get_fields():
            own = field.concrete or field.many_to_many
            if field.is_relation and own and not field.auto_created and field.related_model is user_model:
                yield model._meta.label, field.name, field


def email_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField):
                yield model._meta.label, field.name


def direct_lookups() -> set[tuple[str, str]]:
    return {(h.model, lookup) for h in HOLDINGS for lookup in h.lookups if "__" not in lookup}


def test_every_relation_to_a_person_is_a_holding_or_is_explained():
    named = direct_lookups()
    missing = [
        f"{label}.{name}"
        for label, name, _field in relations_to_the_user()
        if (label, name) not in named and (label, name) not in EXCLUDED
    ]
    assert not missing, (
        "Foreign keys to the user that neither the export nor the account deletion knows about; add a Holding to "
        f"privacy/registry.py (or explain in EXCLUDED why not): {missing}"
    )


def test_every_email_field_is_a_holding_or_is_explained():
    named = {(h.model, lookup[1:]) for h in HOLDINGS for lookup in h.lookups if lookup.startswith("@")}
    missing = [f"{label}.{name}" for label, name in email_fields() if (label, name) not in named | set(EXCLUDED)]
    assert not missing, f"E-mail fields the export and the deletion do not look at: {missing}"


def test_the_deletion_policy_of_each_holding_matches_its_foreign_key():
    """DELETE needs a cascading key (the records go with the account), KEEP a key set to null (they stay without
    the person); no key may PROTECT, or deleting an account would fail."""
    wrong = []
    for label, name, field in relations_to_the_user():
        on_delete = getattr(field.remote_field, "on_delete", None)
        if on_delete is models.PROTECT or on_delete is models.RESTRICT:
            wrong.append(f"{label}.{name} protects the user: the deletion would fail")
        for holding in (h for h in HOLDINGS if h.model == label and name in h.lookups):
            if holding.erase == Erase.DELETE and on_delete is not models.CASCADE:
                wrong.append(f"{label}.{name}: DELETE but on_delete={on_delete.__name__}")
            if holding.erase == Erase.KEEP and on_delete is not models.SET_NULL:
                wrong.append(f"{label}.{name}: KEEP but on_delete={on_delete.__name__}")
    assert not wrong, wrong


def test_every_step_a_holding_names_exists_and_every_step_holding_names_one():
    steps = {h.step for h in HOLDINGS if h.step}
    assert steps <= set(ERASURE_STEPS), steps - set(ERASURE_STEPS)
    assert all(h.step for h in HOLDINGS if h.erase == Erase.STEP)


def test_the_export_files_are_distinct_and_name_real_fields():
    kinds = [h.kind for h in HOLDINGS]
    assert len(kinds) == len(set(kinds)), "two holdings write the same file"
    for holding in HOLDINGS:
        model = apps.get_model(holding.model)
        names = {f.name for f in model._meta.get_fields()}
        for field_name in (*holding.hidden, *holding.files):
            assert field_name in names, f"{holding.model} has no field {field_name}"
        for lookup in holding.lookups:
            assert lookup.lstrip("@").split("__")[0] in names, f"{holding.model}: {lookup}"


SECRET_FIELDS = {
    "mfa.Authenticator": "data",
    "authtoken.Token": "key",
    "club.ClubMembership": "calendar_token",
    "platform_directory.Invitation": "token",
    "survey.Invitation": "token_hash",
    "survey.Response": "respondent_key",
}


def test_secrets_are_hidden_from_every_export_of_their_model():
    leaks = [
        f"{h.kind} exports {h.model}.{SECRET_FIELDS[h.model]}"
        for h in HOLDINGS
        if h.model in SECRET_FIELDS
        and SECRET_FIELDS[h.model] in h.hidden + tuple(f.name for f in apps.get_model(h.model)._meta.fields)
        and SECRET_FIELDS[h.model] not in h.hidden
        and not (h.fields and SECRET_FIELDS[h.model] not in h.fields)
    ]
    assert not leaks, leaks


@pytest.mark.django_db
def test_the_test_person_appears_in_every_holding(world):
    """The fixture the export and deletion tests walk holds a record of every kind (add one with a new holding)."""
    empty = [h.kind for h in HOLDINGS if not exports.holding_queryset(h, world.person).exists()]
    assert not empty, f"tests/privacy/conftest.py has no record for: {empty}"
