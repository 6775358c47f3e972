"""Clinical sign-off: review state, fingerprints, the worklist, sign-off in place and reviewed-only publishing.

Every reviewer here is a fixture ("Dr Test Fixture"): the real content stays draft until a
clinician signs it off. Projects are copies of the real one, signed off with the real command.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import (
    REVIEWER,
    ROOT,
    SIGNED,
    copy_project,
    english_yml,
    html_pages,
    parse,
    publish_reviewed_only,
    run_build,
)
from support import sign_off as sign

from macros.build.environment import load_graph
from macros.tools.sign_off import round_trip, split_front_matter


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def git(project: Path, *args: str) -> str:
    env_args = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=project, check=True, capture_output=True, text=True).stdout


def states(project: Path) -> dict:
    return {ref: state.status for ref, state in load_graph(project / "data").data.reviews.items()}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_every_signable_file_survives_the_round_trip_byte_for_byte():
    """ruamel.yaml writes every record, FAQ, comparison and page front matter back exactly as it was."""
    files = [
        p
        for kind in ("conditions", "symptoms", "causes", "tests", "treatments", "faqs", "comparisons")
        for p in sorted(english_yml(ROOT / "data" / kind))
    ]
    assert len(files) > 100
    for path in files:
        assert round_trip(path.read_text()) == path.read_text(), path
    for path in sorted((ROOT / "docs").glob("*.md")):
        front, _ = split_front_matter(path.read_text())
        assert front and round_trip(front) == front, path


def test_sign_off_writes_the_review_in_place_and_keeps_comments_order_and_body(project):
    record = project / "data" / "conditions" / "benign-fasciculation.yml"
    original = record.read_text()
    with_comment = original.replace("sections:\n", "# A comment the round trip must keep.\nsections:  # and this one\n")
    record.write_text(with_comment)
    page = project / "docs" / "prevention.md"
    page_before = page.read_text()
    result = sign(
        project, "conditions/benign-fasciculation", "pages/prevention", extra=["--registration", "GMC 0000000"]
    )
    assert "signed off conditions/benign-fasciculation" in result.stdout
    after = record.read_text()
    before_review, _, review = after.partition("\nreview:\n")
    assert before_review + "\n" == with_comment.partition("review:\n")[0]  # everything above is untouched
    assert "# A comment the round trip must keep.\nsections:  # and this one\n" in after
    today = dt.date.today()
    assert re.fullmatch(
        r"  status: reviewed\n  reviewer:\n    name: Dr Test Fixture\n    role: Consultant neurologist\n"
        rf"    registration: GMC 0000000\n  reviewed_on: {today}\n  next_review: {today.year + 1}-\d\d-\d\d\n"
        r"  fingerprint: [0-9a-f]{16}-[0-9a-f]{8}\n",
        review,
    ), review
    assert split_front_matter(page.read_text())[1] == split_front_matter(page_before)[1]  # the body is untouched
    got = states(project)
    assert got["conditions/benign-fasciculation"] == got["pages/prevention"] == "reviewed"
    assert got["conditions/degenerative-cervical-myelopathy"] == "draft"


def test_an_edit_after_sign_off_flips_the_state_and_the_page_says_so(project, tmp_path):
    sign(project, "symptoms/twitching", "pages/prevention", "faqs/twitching-and-mnd")
    record = project / "data" / "symptoms" / "twitching.yml"
    signed = record.read_text()
    record.write_text(signed.replace("sections:\n", "# Only a comment: readers see nothing new.\nsections:\n"))
    assert states(project)["symptoms/twitching"] == "reviewed"
    record.write_text(
        signed.replace("sections:\n  what_it_is: |-\n", "sections:\n  what_it_is: |-\n    Twitches are common.\n", 1)
    )
    page = project / "docs" / "prevention.md"
    page.write_text(page.read_text().replace("The short answer:", "In short:"))
    got = states(project)
    assert got["symptoms/twitching"] == got["pages/prevention"] == "changed"
    assert got["faqs/twitching-and-mnd"] == "reviewed"
    faq = project / "data" / "faqs" / "twitching-and-mnd.yml"
    faq.write_text(faq.read_text().replace("question: ", "question: In short, ", 1))
    assert states(project)["faqs/twitching-and-mnd"] == "changed"
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "symptoms" / "twitching" / "index.html").read_text()
    assert "Not yet clinically reviewed." in html and "has changed since a clinician last checked it" in html
    assert "Reviewed by" not in html


def test_a_help_box_edit_changes_every_page_that_lists_it(project):
    sign(project, "conditions/cauda-equina-syndrome", "conditions/benign-fasciculation")
    help_file = project / "data" / "help.yml"
    help_file.write_text(
        help_file.read_text().replace("You have sciatica in both legs.", "You have sciatica in both of your legs.", 1)
    )
    got = states(project)
    assert got["conditions/cauda-equina-syndrome"] == "changed"  # it lists ces-sciatica-both-legs
    assert got["conditions/benign-fasciculation"] == "reviewed"  # it does not


def test_a_signed_off_page_shows_reviewer_dates_and_keeps_them_in_its_metadata(project, tmp_path):
    sign(
        project,
        "conditions/opll",
        "conditions/degenerative-cervical-myelopathy",
        "pages/at-the-appointment",
        extra=["--registration", "GMC 0000000", "--date", "2026-03-04", "--next-review", "2027-03-04"],
    )
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    text = " ".join("".join(parse(site / "conditions" / "opll" / "index.html").text).split())
    assert (
        "Reviewed by Dr Test Fixture, Consultant neurologist (GMC 0000000) on 4 March 2026. Next review 4 March 2027."
        in text
    )
    assert "Not yet clinically reviewed" not in text
    html = (site / "conditions" / "opll" / "index.html").read_text()
    assert '<time datetime="2026-03-04">' in html and '<time datetime="2027-03-04">' in html
    draft = " ".join("".join(parse(site / "conditions" / "myelopathy" / "index.html").text).split())
    assert "Not yet clinically reviewed." in draft and "Reviewed by" not in draft
    # A signed-off page that shows a draft FAQ or table says so at the FAQ or table; a draft page's notice covers all.
    dcm = (site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").read_text()
    assert 'id="faq-can-myelopathy-be-reversed"' in dcm
    assert dcm.count("This answer is not yet clinically reviewed.") == dcm.count('<details class="question"') > 0
    appointment = (site / "at-the-appointment" / "index.html").read_text()
    assert "This table is not yet clinically reviewed." in appointment
    assert "This answer is not yet clinically reviewed." in appointment
    draft_html = (site / "conditions" / "myelopathy" / "index.html").read_text()
    assert "This answer is not yet" not in draft_html and '<details class="question"' in draft_html
    meta = load_graph(project / "data").data.reviews["conditions/opll"].meta()
    assert meta == {
        "status": "reviewed",
        "reviewer": "Dr Test Fixture",
        "role": "Consultant neurologist",
        "registration": "GMC 0000000",
        "reviewed_on": "2026-03-04",
        "next_review": "2027-03-04",
    }


def test_no_fixture_or_example_reviewer_reaches_the_real_content():
    """Reviewers are never invented: the names tests and guides use must never sign off real pages."""
    reviews = load_graph(ROOT / "data").data.reviews
    assert len(reviews) > 120
    for state in reviews.values():
        if state.review.reviewer:
            assert state.review.reviewer.name not in ("Dr Test Fixture", "Dr A Example"), state.path
    for path in [*ROOT.glob("data/*/*.yml"), *ROOT.glob("docs/*.md")]:
        assert "Test Fixture" not in path.read_text() and "Dr A Example" not in path.read_text(), path


def built_pages(site: Path) -> set[str]:
    pages = set()
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        if rel in ("404.html",) or rel.startswith(("assets/", "search/")):
            continue
        pages.add(rel.removesuffix("index.html").rstrip("/"))
    return pages


def test_reviewed_only_publishes_exactly_the_signed_off_unchanged_pages(reviewed_only_site):
    project, site, log = reviewed_only_site
    records = {ref.replace("comparisons/", "compare/") for ref in SIGNED if not ref.startswith(("pages/", "faqs/"))} - {
        "symptoms/numbness"
    }  # changed after sign-off
    pages = built_pages(site)
    generated = {
        p
        for p in pages
        if p.split("/")[0] in ("conditions", "symptoms", "causes", "tests", "treatments", "compare") and "/" in p
    }
    assert generated == records
    kinds = {"conditions", "symptoms", "causes", "tests", "treatments", "compare"}
    hand_written = {p for p in pages if "/" not in p and p and p not in kinds}
    assert hand_written == {"when-to-get-help", "faq", "clinic"}  # and the home page ""
    assert "" in pages
    assert {"causes", "treatments"}.isdisjoint(pages)  # a kind with nothing signed off has no A-Z page
    faq = parse(site / "faq" / "index.html")
    assert {"faq-how-common-is-dcm", "faq-can-myelopathy-be-reversed"} <= faq.ids
    assert not any(
        i.startswith("faq-") and i not in ("faq-how-common-is-dcm", "faq-can-myelopathy-be-reversed") for i in faq.ids
    )
    assert "left out" in log and "symptoms/numbness (data/symptoms/numbness.yml): changed since review" in log
    assert "conditions/opll (data/conditions/opll.yml): never reviewed" in log


def test_reviewed_only_leaves_no_link_to_a_left_out_page(reviewed_only_site):
    project, site, _ = reviewed_only_site
    checked = 0
    for path in html_pages(site):
        for href in parse(path).links:
            if re.match(r"^(?:[a-z]+:|#|//)", href) or not href:
                continue
            base = site if href.startswith("/") else path.parent
            target = (base / href.split("#")[0].lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(site)} links to missing {href}"
            checked += 1
    assert checked > 200
    dcm = parse(site / "conditions" / "degenerative-cervical-myelopathy" / "index.html")
    assert "../../symptoms/clumsy-hands/" in dcm.links
    assert not any("symptoms/numbness" in link or "conditions/opll" in link for link in dcm.links)
    home = parse(site / "index.html")
    assert not any("prevention" in link or "causes/" in link for link in home.links)
    table = (site / "compare" / "dcm-look-alikes" / "index.html").read_text()
    assert "Degenerative cervical myelopathy" in table and "Motor neurone disease" not in table
    sitemap = (site / "sitemap.xml").read_text()
    assert "conditions/opll" not in sitemap and "prevention" not in sitemap


def test_reviewed_only_refuses_an_empty_site_and_a_site_without_its_home_page(project, tmp_path):
    publish_reviewed_only(project)
    result = run_build(project, tmp_path / "empty")
    assert result.returncode != 0
    assert "docs/index.md:4: field 'review': the home page is not signed off" in result.stderr
    assert (
        "data/settings.yml:" in result.stderr and "no record is signed off, so the site would be empty" in result.stderr
    )
    assert not (tmp_path / "empty" / "index.html").exists()
    sign(project, "pages/index", "tests/mri")
    result = run_build(project, tmp_path / "small")
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_worklist_lists_each_state_with_the_diff_from_git(project):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "drafts")
    sign(project, "conditions/opll")
    sign(project, "symptoms/twitching", extra=["--date", "2024-01-10", "--next-review", "2025-01-10"])
    soon = dt.date.today() + dt.timedelta(days=10)
    sign(
        project,
        "tests/emg-nerve-conduction",
        extra=["--date", str(dt.date.today() - dt.timedelta(days=300)), "--next-review", str(soon)],
    )
    git(project, "commit", "-qam", "signed off")
    record = project / "data" / "conditions" / "opll.yml"
    text = record.read_text()
    first_sentence = re.search(r"what_it_is: \|-\n    (.+)\n", text).group(1)
    record.write_text(text.replace(first_sentence, first_sentence + " An edit.", 1))
    result = cli(project, "review", "--out", str(project / "build" / "review"))
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"Worklist: 1 changed, 1 overdue, 1 due-soon, \d+ draft; 0 reviewed and up to date\.", result.stdout
    )
    rows = list(csv.DictReader(io.StringIO((project / "build" / "review" / "worklist.csv").read_text())))
    by_id = {row["id"]: row for row in rows}
    assert by_id["conditions/opll"]["state"] == "Changed since review"
    assert f"+    {first_sentence} An edit." in by_id["conditions/opll"]["what_changed"]
    assert f"-    {first_sentence}" in by_id["conditions/opll"]["what_changed"]
    assert by_id["symptoms/twitching"]["state"] == "Overdue"
    assert by_id["tests/emg-nerve-conduction"]["state"] == "Due within 30 days"
    assert by_id["conditions/myelopathy"]["state"] == "Never reviewed"
    assert by_id["pages/prevention"]["file"] == "docs/prevention.md"
    assert [row["state"] for row in rows[:3]] == ["Changed since review", "Overdue", "Due within 30 days"]
    html = (project / "build" / "review" / "index.html").read_text()
    page = " ".join(" ".join(parse(project / "build" / "review" / "index.html").text).split())
    assert "Changed since review (1)" in page and "Overdue (1)" in page and "Never reviewed (" in page
    assert "compared with the version signed off in commit" in page
    assert f'<span class="ins">+    {first_sentence} An edit.</span>' in html
    assert "make sign-off ID=conditions/opll" in page


def test_the_worklist_without_git_history_says_so(project):
    sign(project, "conditions/opll")
    record = project / "data" / "conditions" / "opll.yml"
    record.write_text(record.read_text().replace("summary: ", "summary: Edited. ", 1))
    result = cli(project, "review", "--out", str(project / "out"))
    assert result.returncode == 0, result.stderr
    row = next(
        r
        for r in csv.DictReader(io.StringIO((project / "out" / "worklist.csv").read_text()))
        if r["id"] == "conditions/opll"
    )
    assert row["state"] == "Changed since review" and "git history is not available" in row["what_changed"]


def test_sign_off_of_a_list_from_a_file(project, tmp_path):
    listing = tmp_path / "ids.txt"
    listing.write_text("# signed at the March meeting\nconditions/opll\nfaqs/how-common-is-dcm\n\n")
    result = sign(project, extra=["--list", str(listing)])
    assert result.stdout.count("signed off") == 2
    got = states(project)
    assert got["conditions/opll"] == got["faqs/how-common-is-dcm"] == "reviewed"


def test_sign_off_of_the_worklist_csv_signs_the_ids_it_lists(project, tmp_path):
    """EDITORS.md says the worklist CSV works as a list: its id column is read, not its state column."""
    result = cli(project, "review", "--out", str(tmp_path / "review"))
    assert result.returncode == 0, result.stderr
    rows = (tmp_path / "review" / "worklist.csv").read_text().splitlines()
    chosen = tmp_path / "chosen.csv"
    chosen.write_text(
        "\n".join([rows[0], *(r for r in rows[1:] if ",conditions/opll," in r or ",pages/faq," in r)]) + "\n"
    )
    result = sign(project, extra=["--list", str(chosen)])
    assert result.stdout.count("signed off") == 2, result.stdout
    got = states(project)
    assert got["conditions/opll"] == got["pages/faq"] == "reviewed" and got["conditions/myelopathy"] == "draft"


def test_make_sign_off_and_make_review_work_as_documented(project, tmp_path):
    """The Makefile lines editors type, with several ids in one ID=."""
    (project / "Makefile").write_text((ROOT / "Makefile").read_text())
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / "requirements").symlink_to(ROOT / "requirements")
    result = subprocess.run(
        [
            "make",
            "-s",
            "sign-off",
            "ID=conditions/opll pages/prevention",
            "REVIEWER=Dr Test Fixture",
            "ROLE=Consultant neurologist",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert states(project)["pages/prevention"] == "reviewed"
    result = subprocess.run(["make", "-s", "review"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "build" / "review" / "index.html").is_file() and (
        project / "build" / "review" / "worklist.csv"
    ).is_file()


BAD_SIGN_OFFS = [
    (["conditions/opl"], REVIEWER, "ID conditions/opl: there is no conditions page 'opl' (did you mean 'opll'?)"),
    (["condition/opll"], REVIEWER, "ID condition/opll: 'condition' is not a kind of page (did you mean 'conditions'?)"),
    (["conditions/opll"], ["--reviewer", "", "--role", "Consultant"], "REVIEWER: is required"),
    (["conditions/opll"], ["--reviewer", 'Dr "Quote"', "--role", "Consultant"], "REVIEWER:"),
    (["conditions/opll"], [*REVIEWER, "--date", "2099-01-01"], "DATE: 2099-01-01 is in the future"),
    (["conditions/opll"], [*REVIEWER, "--date", "2026-02-30"], "DATE: '2026-02-30' is not a date"),
    (
        ["conditions/opll"],
        [*REVIEWER, "--date", "2026-01-10", "--next-review", "2026-01-01"],
        "NEXT: 2026-01-01 is not after the review date 2026-01-10",
    ),
    ([], REVIEWER, "ID: no page given"),
]


@pytest.mark.parametrize(
    "refs,args,message", BAD_SIGN_OFFS, ids=[m.split(":")[0] + str(i) for i, (_, _, m) in enumerate(BAD_SIGN_OFFS)]
)
def test_a_bad_sign_off_says_what_is_wrong_and_writes_nothing(project, refs, args, message):
    before = {p: p.read_bytes() for p in [*project.glob("data/**/*.yml"), *project.glob("docs/*.md")]}
    result = (
        cli(project, "sign-off", "conditions/myelopathy", *refs, *args) if refs else cli(project, "sign-off", *args)
    )
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Nothing was signed off." in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_sign_off_refuses_data_with_problems(project):
    broken = project / "data" / "symptoms" / "twitching.yml"
    broken.write_text(broken.read_text().replace("urgency: ", "urgency: sometimes-", 1))
    result = cli(project, "sign-off", "conditions/opll", *REVIEWER)
    assert result.returncode == 1 and "data/symptoms/twitching.yml:" in result.stderr
    assert "status: draft" in (project / "data" / "conditions" / "opll.yml").read_text()


def test_a_hand_edited_review_stops_the_build_with_file_line_and_field(project, tmp_path):
    sign(project, "conditions/opll")
    record = project / "data" / "conditions" / "opll.yml"
    record.write_text(record.read_text().replace("name: Dr Test Fixture", "name: Dr Someone Else"))
    result = cli(project, "check")
    line = next(n for n, text in enumerate(record.read_text().splitlines(), 1) if "fingerprint:" in text)
    assert (
        f"data/conditions/opll.yml:{line}: field 'review.fingerprint': does not match the reviewer and dates"
        in result.stderr
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0 and "edited by hand" in result.stderr


def test_reviewed_only_makes_an_overdue_page_fail_make_check(project):
    sign(project, "pages/index", "conditions/opll", extra=["--date", "2025-01-01", "--next-review", "2025-06-01"])
    args = ["lint", "--only", "review-due", "--no-build"]
    assert cli(project, *args).returncode == 1  # 17+ months overdue: over the 6-month limit anyway
    sign(  # signed off again: overdue by three days, under the limit
        project,
        "pages/index",
        "conditions/opll",
        extra=["--date", "2025-06-01", "--next-review", str(dt.date.today() - dt.timedelta(days=3))],
    )
    relaxed = cli(project, *args)
    assert relaxed.returncode == 0 and "WARNING review-due" in relaxed.stdout
    publish_reviewed_only(project)
    strict = cli(project, *args)
    assert (
        strict.returncode == 1 and "ERROR   review-due" in strict.stdout and "publish is reviewed-only" in strict.stdout
    )


def test_the_preview_looks_a_changed_page_up_in_git_once(project, monkeypatch):
    """The preview rebuilds on every save: a page that stays changed is not walked through git again."""
    from macros.data import history

    git(project, "init", "-q")
    sign(project, "conditions/opll")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "signed off")
    record = project / "data" / "conditions" / "opll.yml"
    record.write_text(record.read_text().replace("summary: ", "summary: Edited. ", 1))
    state = load_graph(project / "data").data.reviews["conditions/opll"]
    lookups = []
    find = history._find_change
    monkeypatch.setattr(history, "_find_change", lambda *args: lookups.append(args) or find(*args))
    cache: dict = {}
    first = history.change_since_review(project, state, cache)
    assert any(line.startswith("+summary: Edited.") for line in first.diff), first
    assert history.change_since_review(project, state, cache) is first
    assert len(lookups) == 1
    record.write_text(record.read_text().replace("summary: Edited. ", "summary: Edited again. ", 1))
    edited = load_graph(project / "data").data.reviews["conditions/opll"]
    assert "+summary: Edited again." in "\n".join(history.change_since_review(project, edited, cache).diff)
    assert len(lookups) == 2
