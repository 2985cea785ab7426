"""Lessons and cases are Markdown rendered through nh3: nothing executable reaches the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge.rendering import render_markdown
from tests.knowledge.factories import CaseStudyFactory, LessonFactory


def test_a_script_tag_is_removed():
    html = render_markdown("Hello\n\n<script>alert('x')</script>\n\nbye")
    assert "<script" not in html
    assert "alert(" not in html
    assert "Hello" in html and "bye" in html


@pytest.mark.parametrize(
    "markdown, forbidden",
    [
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="https://example.org" onclick="steal()">x</a>', "onclick"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ('<div style="position:fixed">x</div>', "position:fixed"),
        ("<form action='https://evil.example'><input name=p></form>", "<form"),
        ("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html"),
    ],
)
def test_dangerous_markup_is_stripped(markdown, forbidden):
    assert forbidden not in render_markdown(markdown)


def test_ordinary_markdown_survives_with_images_tables_and_links():
    html = render_markdown(
        "## Title\n\n![A diagram](/static/knowledge/img/strategy-cycle.svg)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[site](https://example.org) and **bold**"
    )
    assert "<h2>Title</h2>" in html
    assert '<img class="img-fluid rounded" loading="lazy"' in html
    assert 'src="/static/knowledge/img/strategy-cycle.svg"' in html
    assert 'alt="A diagram"' in html
    assert '<table class="table table-sm table-bordered">' in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<strong>bold</strong>" in html


def test_a_script_in_a_lesson_never_reaches_the_page(user_client, db):
    lesson = LessonFactory(body="Intro\n\n<script>document.title='pwned'</script>\n\n<b onmouseover=x()>hi</b>")
    response = user_client.get(lesson.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "document.title='pwned'" not in content
    assert "onmouseover" not in content
    assert "Intro" in content


def test_a_script_in_a_case_never_reaches_the_page(user_client, db):
    case = CaseStudyFactory(situation="<script>alert(1)</script>Situation", questions="<img src=x onerror=alert(2)>Q")
    content = user_client.get(reverse("knowledge:case", args=[case.slug])).content.decode()
    assert "alert(1)" not in content and "onerror" not in content
    assert "Situation" in content
