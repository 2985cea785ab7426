"""Verification codes on their own (no database): the alphabet, the grouping, the check character, and reading
back what people type or paste."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from labelling.certificates.verification_codes import (
    ALPHABET,
    InvalidCode,
    verification_code_format,
    verification_code_is_consistent,
    verification_code_new,
    verification_code_parse,
)

CODE = verification_code_new(payload="7K3MQ9XD2HN")
GROUPED = verification_code_format(CODE)


def test_the_alphabet_has_no_look_alikes():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set(ALPHABET) & set("ILOU")


def test_codes_are_grouped_in_fours():
    assert verification_code_format(CODE) == f"{CODE[:4]}-{CODE[4:8]}-{CODE[8:]}"
    assert verification_code_format("Ab3-dEf_" + "x" * 24) == "Ab3-dEf_" + "x" * 24  # a former token as it is


def test_every_single_mistyped_character_is_caught():
    rng = random.Random(4)
    for _ in range(50):
        code = verification_code_new(payload="".join(rng.choice(ALPHABET) for _ in range(11)))
        assert verification_code_is_consistent(code)
        for position, character in itertools.product(range(12), ALPHABET):
            if character != code[position]:
                assert not verification_code_is_consistent(code[:position] + character + code[position + 1 :])


def test_swapped_neighbours_are_caught_except_0_and_z():
    # Luhn mod N misses exactly one pair of neighbours: the first and the last character of the alphabet.
    missed = set()
    for a, b in itertools.permutations(ALPHABET, 2):
        payload = (a + b) * 5 + a
        code = verification_code_new(payload=payload)
        swapped = b + a + code[2:]
        if verification_code_is_consistent(swapped):
            missed.add(frozenset((a, b)))
    assert missed == {frozenset("0Z")}


@pytest.mark.parametrize(
    "typed",
    [
        CODE,
        GROUPED,
        GROUPED.lower(),
        f"  {GROUPED}\n",
        GROUPED.replace("-", " "),
        GROUPED.replace("-", "\u2013"),  # en dash
        GROUPED[:6] + "\u00ad" + GROUPED[6:],  # soft hyphen
        GROUPED[:2] + "\u200b" + GROUPED[2:],  # zero-width space
        "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in GROUPED),  # full-width forms
        f"https://portal.example.eu/labels/verify/{GROUPED}/",
        f"https://portal.example.eu/labels/verify/\n{GROUPED[:7]}\n{GROUPED[7:]}/",
        f"portal.example.eu/labels/Verify/{GROUPED}/?utm=print",
        f"“{GROUPED}”.",
    ],
)
def test_what_people_type_reads_as_the_code(typed):
    query = verification_code_parse(typed)
    assert (query.kind, query.value, query.display) == ("code", CODE, GROUPED)


def test_look_alikes_read_as_the_characters_they_resemble():
    code = verification_code_new(payload="01AB10CD0E1")
    typed = code.replace("0", "O").replace("1", "I", 1).replace("1", "l")
    assert verification_code_parse(typed).value == code


def test_former_tokens_are_read_as_typed():
    token = "Ab3-dEf_hIjK_lMn0pQrStUvWxYz0123"
    query = verification_code_parse(f"https://portal.example.eu/labels/verify/\n{token[:10]}\u00ad{token[10:]}/")
    assert (query.kind, query.value) == ("legacy", token)


@pytest.mark.parametrize("typed", ["CME-G-DE-2026-00042", " cme-g-de-2026-00042 ", "CME‐G‐DE‐2026‐00042"])
def test_label_numbers_are_read_in_upper_case(typed):
    query = verification_code_parse(typed)
    assert (query.kind, query.value, query.if_unknown) == ("number", "CME-G-DE-2026-00042", "")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("\u00ad \n", "empty"),
        ("ABCD-EFGH-JKM!", "“!”"),
        ("ABCD\x00EFGH", "U+0000"),
        ("ABCD-EFGH-JKMNé", "“é”"),
        ("x" * 301, "far too long"),
        ("A" * 65, "too long"),
        ("ab", "too short"),
        ("abc_def", "“_”"),
        ("https://example.org/other/page", "not a verification address"),
        (CODE[:-1] + ("0" if CODE[-1] != "0" else "1"), "mistyped"),
    ],
)
def test_what_cannot_be_a_code_says_why(typed, reason):
    with pytest.raises(InvalidCode, match=re.escape(reason)):
        verification_code_parse(typed)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("ABCD-EFGH-JK", "this one has 10"), ("ABCD-EFGH-JKMN-P", "this one has 13"), ("ABCD-EFGH-JKMU", "“U”")],
)
def test_a_code_with_a_character_too_few_or_too_many_is_explained_if_no_label_has_that_number(typed, reason):
    query = verification_code_parse(typed)
    assert query.kind == "number"  # some label numbers look like this; the database is asked first
    assert reason in query.if_unknown
