"""`reportsearch parse REPORT.pdf` prints the outline a careful reader sees; `--rating` filters."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main

REPO = Path(__file__).resolve().parents[1]
RATED = REPO / "tests" / "data" / "reports" / "rated_reportlab.pdf"
BAD = REPO / "tests" / "data" / "reports" / "bad"

OUTLINE = """\
  rating: Requires improvement · published: 2019-06 · fieldwork from: 2019-02-11 · lead inspector: Helen Marsh
  inspected: CRC (Staffordshire and West Midlands Community Rehabilitation Company) · area: Midlands, Staffordshire

Outline:
   p.2  Acknowledgements
   p.2  The role of HM Inspectorate of Probation
   p.4  Foreword
   p.4  Ratings
          Overall rating: Requires improvement
          1.1 Leadership: Requires improvement
          1.2 Staff: Inadequate
          1.3 Services: Good
          1.4 Information and facilities: Requires improvement
          2.1 Assessment: Requires improvement
          2.2 Planning: Inadequate
          2.3 Implementation and delivery: Requires improvement
          2.4 Reviewing: Inadequate
          3.1 Unpaid work: Good
          3.2 Through the Gate: Requires improvement
   p.5  Executive summary
   p.5    Overall findings
   p.5    Recommendations
            1. Staffordshire and West Midlands CRC: reduce caseloads so that responsible officers can give each case the time it needs
            2. Staffordshire and West Midlands CRC: make sure that assessment and planning address the risk of harm to others, including domestic abuse and child safeguarding
            3. Staffordshire and West Midlands CRC: review cases when circumstances change and record the reasons for any change to the plan
            4. Staffordshire and West Midlands CRC: put in place a quality assurance process for work to keep other people safe
            5. HM Prison and Probation Service: make the national case management system available to CRC staff working in prisons, so that release planning can start earlier
            6. Ministry of Justice: make sure that the revised contracts for CRCs give enough funding for manageable caseloads
   p.6  1. Organisational delivery
   p.6    1.1 Leadership  [Requires improvement]  (4 findings)
   p.6    1.2 Staff  [Inadequate]  (5 findings)
   p.6    1.3 Services  [Good]  (3 findings)
   p.7    1.4 Information and facilities  [Requires improvement]  (2 findings)
   p.8  2. Case supervision
   p.8    2.1 Assessment  [Requires improvement]  (4 findings)
   p.8    2.2 Planning  [Inadequate]  (3 findings)
   p.8    2.3 Implementation and delivery  [Requires improvement]  (3 findings)
   p.8    2.4 Reviewing  [Inadequate]  (3 findings)
  p.10  3. Unpaid work and Through the Gate
  p.10    3.1 Unpaid work  [Good]  (3 findings)
  p.10    3.2 Through the Gate  [Requires improvement]  (3 findings)
"""  # noqa: E501 (the outline's lines are as long as the report's recommendations)


def test_parse_shows_a_reports_outline_with_every_rating_and_recommendation() -> None:
    result = CliRunner().invoke(main, ["parse", str(RATED)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines(keepends=True)
    assert lines[0] == (
        "rated_reportlab.pdf — An inspection of probation services in: "
        "Staffordshire and West Midlands Community Rehabilitation Company\n"
    )
    assert lines[5] == "  72 elements: 33 findings, 11 ratings, 6 recommendations, 22 sections\n"
    assert "".join(lines[6 : 6 + OUTLINE.count("\n")]) == OUTLINE
    assert (
        "   8 p.4  rating   Requires improvement  Overall rating: Requires improvement\n" in lines
    )
    assert any(
        line.startswith("  26 p.5  recommendation Ministry of Justice  6. ") for line in lines
    )


def test_parse_of_a_bad_pdf_fails_with_its_reason() -> None:
    result = CliRunner().invoke(main, ["parse", str(BAD / "scanned.pdf")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot parse {BAD / 'scanned.pdf'}: "
        "no text layer: OCR is not supported (a scanned PDF?)\n"
    )


def test_search_filters_by_rating(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.pdf").write_bytes(RATED.read_bytes())
    (corpus / "note.txt").write_text("Inspectors rated the planning of cases as poor.\n")
    index = str(tmp_path / "ix")
    assert (
        CliRunner().invoke(main, ["index", "--documents", str(corpus), "--index", index]).exit_code
        == 0
    )
    rated = CliRunner().invoke(
        main, ["search", "planning", "--rating", "requires improvement", "--index", index]
    )
    assert rated.exit_code == 0, rated.output
    assert "report.pdf" in rated.output and "note.txt" not in rated.output
    assert "  rating: Requires improvement (" in rated.output
    none = CliRunner().invoke(main, ["search", "planning", "--rating", "good", "--index", index])
    assert none.output.startswith("0 hits for 'planning'")


def test_search_shows_a_recommendations_number_addressee_and_page(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.pdf").write_bytes(RATED.read_bytes())
    index = str(tmp_path / "ix")
    CliRunner().invoke(main, ["index", "--documents", str(corpus), "--index", index])
    result = CliRunner().invoke(main, ["search", "kind:recommendation HMPPS", "--index", index])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2].startswith("1. [recommendation 5 · HM Prison and Probation Service] ")
    assert lines[3].endswith(" · inspection_report · report.pdf:25 · p.5")
