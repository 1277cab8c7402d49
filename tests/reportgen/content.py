"""The text of the report fixtures, written for these tests in the inspectorate's style.

`rated_report()` follows the 2018–2020 framework (a ratings table, standards 1.1–3.2 with
strengths and areas for improvement, recommendations by addressee); `derbyshire_report()`
follows the 2016 Quality & Impact framework (key findings and recommendations, no ratings)
and is the bundled corpus's report about the Derbyshire inspection the seeds discuss. The
facts of the Derbyshire report follow the press release and posts in `documents/`; the
wording is ours. Names of people on probation are invented, as in the real reports.
"""

from __future__ import annotations

from tests.reportgen.model import (
    Block,
    Box,
    Bullets,
    Heading,
    Numbered,
    PageBreak,
    Para,
    Report,
    Table,
)

OGL = (
    "© Crown copyright 2019. This publication is licensed under the terms of the Open "
    "Government Licence v3.0 except where otherwise stated. To view this licence, visit "
    "nationalarchives.gov.uk/doc/open-government-licence/version/3."
)
ADDRESS = (
    "Published by: Her Majesty’s Inspectorate of Probation, 1st Floor Civil Justice Centre, "
    "1 Bridge Street West, Manchester M3 3FX."
)

RATINGS = (
    ("Overall rating", "Requires improvement"),
    ("1.1 Leadership", "Requires improvement"),
    ("1.2 Staff", "Inadequate"),
    ("1.3 Services", "Good"),
    ("1.4 Information and facilities", "Requires improvement"),
    ("2.1 Assessment", "Requires improvement"),
    ("2.2 Planning", "Inadequate"),
    ("2.3 Implementation and delivery", "Requires improvement"),
    ("2.4 Reviewing", "Inadequate"),
    ("3.1 Unpaid work", "Good"),
    ("3.2 Through the Gate", "Requires improvement"),
)


def _standard(
    number: str,
    name: str,
    rating: str,
    strengths: tuple[str, ...],
    areas: tuple[str, ...],
    narrative: tuple[str, ...],
    example: Box | None = None,
) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, name, number),
        Para(f"Rating: {rating}"),
        Heading(3, "Strengths:"),
        Bullets(strengths),
        Heading(3, "Areas for improvement:"),
        Bullets(areas),
        *(Para(text) for text in narrative),
    ]
    if example is not None:
        blocks.append(example)
    return blocks


def rated_report(annex_cases: int = 0, overall: str = "Requires improvement") -> Report:
    """Return the 2019-style rated CRC report; `annex_cases` case summaries lengthen it."""
    ratings = (("Overall rating", overall), *RATINGS[1:])
    crc = "Staffordshire and West Midlands CRC"
    front: tuple[Block, ...] = (
        Heading(1, "Acknowledgements"),
        Para(
            "This inspection was led by HM Inspector Helen Marsh, supported by a team of "
            "inspectors and colleagues from across the Inspectorate. We would like to thank "
            "everyone who helped plan and took part in the inspection; without their help and "
            "cooperation, the inspection would not have been possible."
        ),
        Para(
            "Please note that throughout the report the names in the practice examples have "
            "been changed to protect the individual’s identity."
        ),
        Heading(1, "The role of HM Inspectorate of Probation"),
        Para(
            "Her Majesty’s Inspectorate of Probation is the independent inspector of youth "
            "offending and probation services in England and Wales. We report on the "
            "effectiveness of probation and youth offending service work with adults and "
            "children."
        ),
        Para("The fieldwork for this inspection started on 11 February 2019."),
        Para(OGL),
        Para(ADDRESS),
    )
    body: list[Block] = [
        Heading(1, "Foreword"),
        Para(
            "This inspection is part of our programme of inspections of probation services. "
            "We inspected the work of Staffordshire and West Midlands Community "
            "Rehabilitation Company (CRC), which supervises some 16,000 people on probation "
            "across a large and varied area, from Stoke-on-Trent to the centre of Birmingham."
        ),
        Para(
            "Leaders have a clear vision for the service and have invested in partnerships "
            "that give people on probation real help with housing, debt and addiction. Yet "
            "too many officers hold caseloads well beyond what they can manage, and the "
            "quality of case supervision has suffered. Work to keep other people safe is "
            "the weakest part of what the CRC does, and it must be put right."
        ),
        Para(
            f"Overall, we have rated the CRC as {overall}. We have made six "
            "recommendations, which we hope will help the CRC and HM Prison and Probation "
            "Service to improve."
        ),
        Para("Dame Glenys Stacey, HM Chief Inspector of Probation"),
        Heading(1, "Ratings"),
        Table(("Staffordshire and West Midlands CRC", "Rating"), ratings),
        PageBreak(),
        Heading(1, "Executive summary"),
        Heading(2, "Overall findings"),
        Para(
            "The CRC’s leaders have set a clear direction, and staff understand it. The "
            "range of services is good, and unpaid work is well organised. The CRC’s "
            "difficulties lie in the number of cases each officer carries and in the "
            "quality of the work on each case."
        ),
        Para(
            "Assessment was sufficient in about two-thirds of the cases we inspected, but "
            "plans rarely addressed the risk of harm to others, and reviews were seldom "
            "completed when circumstances changed. Through the Gate services were in place "
            "for most prisoners due for release, but the planning for housing came too late."
        ),
        Heading(2, "Recommendations"),
        Para(f"{crc} should:"),
        Numbered(
            (
                "reduce caseloads so that responsible officers can give each case the time "
                "it needs",
                "make sure that assessment and planning address the risk of harm to others, "
                "including domestic abuse and child safeguarding",
                "review cases when circumstances change and record the reasons for any "
                "change to the plan",
                "put in place a quality assurance process for work to keep other people safe",
            )
        ),
        Para("HM Prison and Probation Service should:"),
        Numbered(
            (
                "make the national case management system available to CRC staff working "
                "in prisons, so that release planning can start earlier",
            ),
            start=5,
        ),
        Para("The Ministry of Justice should:"),
        Numbered(
            (
                "make sure that the revised contracts for CRCs give enough funding for "
                "manageable caseloads",
            ),
            start=6,
        ),
        PageBreak(),
        Heading(1, "Organisational delivery", "1."),
        *_standard(
            "1.1",
            "Leadership",
            "Requires improvement",
            (
                "Leaders have a clear vision and strategy that staff understand.",
                "Partnerships with housing and substance misuse providers are strong.",
            ),
            (
                "Leaders have not made sure that the operating model delivers a good quality "
                "service to all people on probation.",
                "Risks to the quality of work, including high caseloads, are known but have "
                "not been addressed.",
            ),
            (
                "The senior leadership team is visible, and staff in every office we visited "
                "could describe the CRC’s priorities. Governance arrangements are in place, "
                "but the performance reports that leaders receive count contacts rather than "
                "measure the quality of the work.",
            ),
        ),
        *_standard(
            "1.2",
            "Staff",
            "Inadequate",
            (
                "Staff are committed to their work and speak warmly of their colleagues.",
                "New staff receive a structured induction.",
            ),
            (
                "Caseloads are too high: some responsible officers hold more than 80 cases.",
                "Management oversight is not effective in most of the cases we inspected.",
                "Staff have too little time for training on domestic abuse and safeguarding.",
            ),
            (
                "The CRC does not have enough staff to deliver a good quality service. "
                "Sickness absence is high in the Birmingham offices, and vacancies are "
                "filled by agency staff who stay for short periods.",
            ),
        ),
        *_standard(
            "1.3",
            "Services",
            "Good",
            (
                "The range of services meets the needs of the people the CRC supervises.",
                "Services for women are delivered in women-only settings.",
            ),
            (
                "Responsible officers do not always know which services are available in "
                "their area.",
            ),
            (
                "The CRC commissions services from a wide range of partners, and has "
                "analysed the needs of its caseload to decide what to buy.",
            ),
            Box(
                "Good practice example",
                (
                    "Aisha was referred to the women’s centre after her assessment showed "
                    "that debt and an abusive relationship lay behind her offending. Her "
                    "responsible officer and the centre’s worker met her together, agreed a "
                    "plan, and reviewed it with her each month.",
                ),
            ),
        ),
        *_standard(
            "1.4",
            "Information and facilities",
            "Requires improvement",
            ("Offices are accessible and have enough private interview rooms.",),
            (
                "The case management system is slow, and staff keep separate records to "
                "work around it.",
            ),
            (
                "Policies and guidance are available on the intranet, but several were out "
                "of date at the time of the inspection.",
            ),
        ),
        PageBreak(),
        Heading(1, "Case supervision", "2."),
        *_standard(
            "2.1",
            "Assessment",
            "Requires improvement",
            (
                "Assessment engaged the person on probation in most cases.",
                "Factors linked to offending were identified well.",
            ),
            (
                "Assessment did not identify the risk of harm to others in a third of cases.",
                "Information from the police and children’s services was not sought often enough.",
            ),
            (
                "We found that responsible officers knew the people they supervised, and "
                "had spoken with them about the reasons for their offending.",
            ),
        ),
        *_standard(
            "2.2",
            "Planning",
            "Inadequate",
            ("Plans set out the requirements of the sentence clearly.",),
            (
                "Planning did not address the risk of harm to others in most cases.",
                "Contingency arrangements were rarely recorded.",
            ),
            (
                "Too many plans were completed late, and too few were written with the "
                "person on probation.",
            ),
            Box(
                "Poor practice example",
                (
                    "Darren had a history of violence towards a former partner. His plan "
                    "made no mention of this, and no checks were made with the police when "
                    "he began a new relationship.",
                ),
            ),
        ),
        *_standard(
            "2.3",
            "Implementation and delivery",
            "Requires improvement",
            ("Contact with the person on probation was frequent enough in most cases.",),
            (
                "Work to keep other people safe was not delivered well enough.",
                "Home visits were rarely used, even where there were child safeguarding concerns.",
            ),
            (
                "Services were delivered in line with the plan in just over half of the "
                "cases we inspected.",
            ),
        ),
        *_standard(
            "2.4",
            "Reviewing",
            "Inadequate",
            ("Where reviews took place, they involved the person on probation.",),
            (
                "Reviews were not completed when circumstances changed.",
                "Reviews did not lead to changes in the plan where they were needed.",
            ),
            ("Reviewing was the weakest aspect of case supervision that we inspected.",),
        ),
        PageBreak(),
        Heading(1, "Unpaid work and Through the Gate", "3."),
        *_standard(
            "3.1",
            "Unpaid work",
            "Good",
            (
                "Unpaid work starts quickly after sentence.",
                "Placements are varied and benefit the local community.",
            ),
            ("Risks to the public from people on unpaid work were not always assessed.",),
            (
                "Supervisors know the people on their work parties well, and absences are "
                "followed up promptly.",
            ),
        ),
        *_standard(
            "3.2",
            "Through the Gate",
            "Requires improvement",
            ("Resettlement plans were completed for most prisoners.",),
            (
                "Planning for accommodation started too late.",
                "Prison-based staff could not see the community case records.",
            ),
            (
                "Through the Gate staff in the prisons we visited worked hard, but were "
                "limited by the systems they had to use.",
            ),
        ),
    ]
    if annex_cases:
        body.extend(_annex(annex_cases))
    return Report(
        running_header="An inspection of probation services in Staffordshire and West Midlands CRC",
        title_lines=(
            "An inspection of probation services in:",
            "Staffordshire and West Midlands Community Rehabilitation Company",
        ),
        date_line="HM Inspectorate of Probation, June 2019",
        front_matter=front,
        body=tuple(body),
    )


def _annex(cases: int) -> list[Block]:
    """Return an annex of `cases` case summaries: bulk text for the speed measurement."""
    blocks: list[Block] = [PageBreak(), Heading(1, "Annex 1: Case summaries")]
    for n in range(1, cases + 1):
        blocks.append(Heading(3, f"Case {n}"))
        blocks.append(
            Para(
                f"Case {n} concerned a man aged {20 + n % 40} subject to a community order "
                "with a rehabilitation activity requirement. The assessment identified "
                "accommodation and alcohol misuse as factors linked to his offending, but "
                "did not consider the risk he posed to his former partner. The plan was "
                "completed within the expected timescale; it did not set out how the "
                "responsible officer would check on his contact with children. Contact was "
                "frequent in the first three months and fell away after a change of officer, "
                "when the case was held by a duty team for six weeks without a review."
            )
        )
        blocks.append(
            Bullets(
                (
                    "Sufficient assessment of desistance: yes",
                    "Sufficient planning to keep other people safe: no",
                    "Sufficient reviewing: no",
                )
            )
        )
    return blocks


def derbyshire_report() -> Report:
    """Return the 2016 Quality & Impact report on Derbyshire (no four-point ratings then)."""
    front: tuple[Block, ...] = (
        Heading(1, "Acknowledgements"),
        Para(
            "This inspection was led by HM Inspector Alan MacDonald, supported by a team of "
            "inspectors and support staff. We are grateful to the staff of Derbyshire "
            "Community Rehabilitation Company and of the National Probation Service Midlands "
            "division, and to the people on probation who spoke with us."
        ),
        Heading(1, "The role of HM Inspectorate of Probation"),
        Para(
            "HM Inspectorate of Probation is the independent inspector of probation and youth "
            "offending services in England and Wales. Quality & Impact inspections look at "
            "the quality of probation work and its impact in protecting the public, reducing "
            "reoffending and making sure sentences are served."
        ),
        Para("The fieldwork for this inspection started on 4 July 2016."),
        Para(OGL.replace("2019", "2016")),
        Para(
            ADDRESS.replace(
                "1st Floor Civil Justice Centre, 1 Bridge Street West",
                "6th Floor, Trafford House, Chester Road, Stretford",
            )
        ),
    )
    body: list[Block] = [
        Heading(1, "Foreword"),
        Para(
            "This is the third inspection in our programme of Quality & Impact inspections of "
            "adult probation work. We looked at the work of the Derbyshire Community "
            "Rehabilitation Company (CRC), owned by the Reducing Reoffending Partnership "
            "(RRP), and of the National Probation Service (NPS) in Derbyshire, part of its "
            "Midlands division."
        ),
        Para(
            "The former Derbyshire Probation Trust was a high performing trust. The NPS has "
            "built on that legacy: its work to protect the public was generally good, and it "
            "was helping people to turn their lives around. The picture in the CRC was more "
            "mixed. Its plans for an effective and modern service are ambitious, but putting "
            "them in place has been troublesome and slow, and meanwhile standards have "
            "slipped."
        ),
        Para(
            "CRC officers were carrying very high caseloads without the software, "
            "administrative support and management oversight that the new operating model "
            "assumes. Public protection was not being given enough attention."
        ),
        Para("Dame Glenys Stacey, HM Chief Inspector of Probation, September 2016"),
        PageBreak(),
        Heading(1, "Key findings"),
        Heading(2, "Overall findings"),
        Heading(3, "Derbyshire CRC:"),
        Bullets(
            (
                "The quality of the CRC’s work was mixed, significantly lower than that of "
                "the former trust, and in some respects poor.",
                "Staff were preoccupied with managing change rather than supervising the "
                "people on their caseloads.",
                "We did not find evidence that public protection work was being prioritised.",
                "Purposeful rehabilitation work was seen in too few cases.",
            )
        ),
        Heading(3, "NPS Midlands division in Derbyshire:"),
        Bullets(
            (
                "The NPS was generally effective in managing the risk of harm that people "
                "posed to the public.",
                "Court reports were timely and of good quality.",
                "Enforcement action was taken promptly when people did not comply.",
            )
        ),
        Heading(2, "Recommendations"),
        Para("Derbyshire CRC should:"),
        Numbered(
            (
                "give responsible officers the facilities, resources and workloads they need "
                "to deliver services under the new operating model",
                "make sure that public protection is given priority in assessment, planning "
                "and delivery",
                "introduce management oversight and quality assurance of case work",
            )
        ),
        Para("The National Probation Service should:"),
        Numbered(
            ("make more use of the CRC’s rehabilitative services for the people it supervises",),
            start=4,
        ),
        Para("The National Offender Management Service should:"),
        Numbered(
            (
                "make sure that the CRC’s new case management systems are not held up "
                "unnecessarily by national approval processes",
            ),
            start=5,
        ),
        PageBreak(),
        Heading(1, "Protecting the public", "1."),
        Heading(2, "Assessment and planning", "1.1"),
        Para(
            "In the NPS, assessment of the risk of harm was thorough in most cases, and plans "
            "set out clearly what would be done to manage it. In the CRC, assessments were "
            "often incomplete and plans did not address the risk of harm in almost half of "
            "the cases we inspected."
        ),
        Heading(2, "Delivery and review", "1.2"),
        Para(
            "NPS officers shared information well with the police and children’s services. "
            "In the CRC, home visits were rare and reviews were seldom completed when a "
            "person’s circumstances changed."
        ),
        Box(
            "Poor practice example",
            (
                "Kevin was supervised by the CRC for an offence of criminal damage against "
                "his partner’s home. No enquiries were made of the police about domestic "
                "abuse, and when he moved back in with his partner the plan was not reviewed.",
            ),
        ),
        Heading(1, "Reducing reoffending", "2."),
        Heading(2, "Interventions", "2.1"),
        Para(
            "The CRC’s operating model provides for a wide range of interventions, but many "
            "were not yet in place. The NPS made little use of the CRC’s services, partly "
            "because of uncertainty about the rate card."
        ),
        Box(
            "Good practice example",
            (
                "Sam had a long history of shoplifting linked to heroin use. His NPS officer "
                "arranged a joint appointment with the drug service on his first day, and "
                "he had started treatment within a week.",
            ),
        ),
        Heading(1, "Abiding by the sentence", "3."),
        Heading(2, "Compliance and enforcement", "3.1"),
        Para(
            "Most people complied with their sentences. The NPS took enforcement action "
            "promptly; the CRC did so in most cases, but absences were not always followed "
            "up on the day."
        ),
    ]
    return Report(
        running_header="Quality & Impact inspection: Derbyshire",
        title_lines=(
            "Quality & Impact inspection: The effectiveness of probation work in Derbyshire",
        ),
        date_line="An inspection by HMI Probation, September 2016",
        front_matter=front,
        body=tuple(body),
        subject="Fixture written for reportsearch's bundled corpus, after the seeds' account "
        "of the Derbyshire inspection; not the inspectorate's text.",
    )
