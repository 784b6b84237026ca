"""A trip summary merges the documents of one trip: the announcement, then readouts, remarks and
joint statements of the same traveller, places and dates, filed under their stops and cited."""

from __future__ import annotations

import re

import pytest
from compose.test_summary import assert_every_line_cited
from conftest import SHARED_DATA

from index.compose.summary import summarize
from index.compose.trip_documents import TripDocKind, document_kind


def release(title: str, published: str, body: str) -> str:
    return f"Title: {title}\nAuthor: Office of the Spokesperson\nPublished: {published}\n\n{body}\n"


ANNOUNCEMENT = release(
    "Under Secretary Marlow’s Travel to Kenya and Ghana",
    "2024-05-02T14:00:00+00:00",
    "Under Secretary of State Helen Marlow will travel to Nairobi, Kenya, and Accra, Ghana, "
    "May 6-10 to advance cooperation on health security and trade. "
    "In Nairobi on May 6-7, Under Secretary Marlow will meet with Kenyan Foreign Minister "
    "Daniel Otieno to discuss regional security. "
    "In Accra on May 9-10, she will meet with Ghanaian officials to discuss energy investment.",
)
FIXTURES = {
    "2024-05-02-marlow-travel.txt": ANNOUNCEMENT,
    # A readout of the Nairobi stop: whom she met, cited to it.
    "2024-05-07-marlow-meeting-kenya.txt": release(
        "Under Secretary Marlow’s Meeting with Kenyan Health Minister Achieng",
        "2024-05-07T18:00:00+00:00",
        "The following is attributable to Spokesperson Paul Reyes:\n\n"
        "Under Secretary of State Helen Marlow met today in Nairobi with Kenyan Health Minister "
        "Grace Achieng. They discussed vaccine manufacturing and pandemic preparedness.",
    ),
    # A readout of the Accra stop, a day after the trip (readouts come out late).
    "2024-05-11-marlow-meeting-ghana.txt": release(
        "Under Secretary Marlow’s Meeting with Ghanaian Finance Minister Mensah",
        "2024-05-11T09:00:00+00:00",
        "The following is attributable to Spokesperson Paul Reyes:\n\n"
        "Under Secretary of State Helen Marlow met with Ghanaian Finance Minister Kwame Mensah "
        "in Accra. They discussed energy investment and debt relief for the region.",
    ),
    # A joint statement from Accra, listed under its stop by title.
    "2024-05-10-joint-statement-ghana.txt": release(
        "Joint Statement on the U.S.-Ghana Energy Partnership",
        "2024-05-10T12:00:00+00:00",
        "Under Secretary Helen Marlow and Ghanaian Energy Minister Ama Owusu met in Accra and "
        "agreed to expand cooperation on solar power and grid reliability across the country.",
    ),
    # Another traveller in the same city on the same days: not Marlow's trip.
    "2024-05-07-other-traveller.txt": release(
        "Assistant Secretary Brandt’s Meeting with Kenyan Trade Minister Wanjiru",
        "2024-05-07T16:00:00+00:00",
        "Assistant Secretary of State Peter Brandt met with Kenyan Trade Minister Alice Wanjiru "
        "in Nairobi to discuss agricultural exports and customs cooperation.",
    ),
    # Marlow, but a month later and elsewhere: another trip.
    "2024-06-12-marlow-later.txt": release(
        "Under Secretary Marlow’s Meeting with Kenyan Foreign Minister Otieno",
        "2024-06-12T10:00:00+00:00",
        "Under Secretary of State Helen Marlow met with Kenyan Foreign Minister Daniel Otieno "
        "in Washington to review progress on the regional security dialogue.",
    ),
    # Marlow during the trip, but a call about another country: names no stop.
    "2024-05-08-marlow-call.txt": release(
        "Under Secretary Marlow’s Call with Peruvian Vice Minister Salas",
        "2024-05-08T20:00:00+00:00",
        "Under Secretary of State Helen Marlow spoke with Peruvian Vice Minister Lucia Salas "
        "about mining investment and labor standards in Peru.",
    ),
}


def stop_block(text: str, stop: str) -> list[str]:
    """The numbered line of `stop` and the indented lines under it."""
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if re.match(rf"\d+\. {stop}", x))
    block = [lines[start]]
    for x in lines[start + 1 :]:
        if not x.startswith("   "):
            break
        block.append(x)
    return block


def test_trip_summary_merges_readouts_under_their_stops(make_kb) -> None:
    kb = make_kb(FIXTURES)
    kb.sync()
    s = summarize(kb.snapshot(), kb.embedder, "Marlow's trip to Kenya and Ghana")
    assert s.found and s.summary_of == "trip"
    headline = s.text.splitlines()[0]
    assert "Nairobi → Accra" in headline and "6–10 May 2024" in headline
    nairobi = stop_block(s.text, "Nairobi")
    accra = stop_block(s.text, "Accra")
    assert "Daniel Otieno" in nairobi[0]  # announced
    met_nairobi = [x for x in nairobi if x.strip().startswith("met")]
    assert len(met_nairobi) == 1 and "Kenyan Health Minister Grace Achieng" in met_nairobi[0]
    assert "7 May 2024" in met_nairobi[0]
    met_accra = [x for x in accra if x.strip().startswith("met")]
    assert len(met_accra) == 1 and "Ghanaian Finance Minister Kwame Mensah" in met_accra[0]
    assert any("Joint Statement on the U.S.-Ghana Energy Partnership" in x for x in accra)
    # Not this trip: another traveller, a later trip, a call that names no stop.
    for absent in ("Wanjiru", "Brandt", "Salas", "Washington"):
        assert absent not in s.text
    # Each readout line is cited to the readout itself.
    by_n = {c.n: c for c in s.citations}
    for line, path in (
        (met_nairobi[0], "2024-05-07-marlow-meeting-kenya.txt"),
        (met_accra[0], "2024-05-11-marlow-meeting-ghana.txt"),
    ):
        (n,) = re.findall(r"\[(\d+)\]", line)
        assert by_n[int(n)].path == path
        name = line.split(": ", 1)[1].rsplit(" [", 1)[0]
        c = by_n[int(n)]
        assert name.split()[-1] in kb.document_text(c.doc_id)[c.start : c.end]
    assert {c.path for c in s.citations} == {
        "2024-05-02-marlow-travel.txt",
        "2024-05-07-marlow-meeting-kenya.txt",
        "2024-05-11-marlow-meeting-ghana.txt",
        "2024-05-10-joint-statement-ghana.txt",
    }
    assert_every_line_cited(kb, s)


def test_document_kinds_from_titles() -> None:
    assert document_kind("Secretary Blinken’s Meeting with NATO Secretary General") is (
        TripDocKind.READOUT
    )
    assert document_kind("Deputy Secretary Sherman’s Call with French Counterparts") is (
        TripDocKind.CALL
    )
    assert document_kind("The Secretary Meets with Civil Society Leaders") is TripDocKind.READOUT
    # A transcript of remarks at a meeting is not a readout.
    assert document_kind("Secretary Blinken At a Meeting with Ukrainian Civil Society") is not (
        TripDocKind.READOUT
    )
    assert document_kind("Joint Statement on the Trilateral Ministerial") is TripDocKind.STATEMENT
    assert document_kind("Secretary Blinken Remarks to the Press") is TripDocKind.REMARKS


# A real trip from ../shared: Blinken's February 2022 travel to Australia, Fiji and Hawaii, its
# readouts, and releases of the same days that are not part of it.
FEB_2022 = [
    "2022-02-04-*secretary-blinken-to-travel-to-australia-fiji-and-hawaii*",
    "2022-02-11-*secretary-blinkens-meeting-with-japanese-foreign-minister-hayashi*",
    "2022-02-11-*secretary-blinkens-meeting-with-australian-foreign-minister-payne*",
    "2022-02-13-*secretary-blinkens-meeting-with-republic-of-korea-foreign-minister-chung*",
    "2022-02-13-*joint-statement-on-the-u-s-japan-republic-of-korea-trilateral*",
    "2022-02-10-*secretary-blinkens-call-with-french-foreign-minister-le-drian*",
    "2022-02-10-*deputy-secretary-shermans-meeting-with-israeli-national-security*",
    "2022-02-02-*secretary-blinkens-call-with-japanese-foreign-minister-hayashi*",
]


def test_real_trip_merges_its_readouts(make_kb) -> None:
    root = SHARED_DATA / "statedept" / "text" / "2022-02"
    if not root.is_dir():
        pytest.skip("../shared/data/statedept is not available")
    files = {}
    for pattern in FEB_2022:
        found = sorted(root.glob(pattern + ".txt"))
        if not found:
            pytest.skip(f"{pattern} is not in ../shared")
        files[found[0].name] = found[0].read_text(encoding="utf-8")
    kb = make_kb(files)
    kb.sync()
    s = summarize(kb.snapshot(), kb.embedder, "Blinken's trip to Australia, Fiji and Hawaii")
    assert s.found and s.summary_of == "trip"
    # The announcement places him in Melbourne ("... technology leaders in Melbourne").
    assert "Melbourne → Fiji → Honolulu" in s.text.splitlines()[0]
    australia = "\n".join(stop_block(s.text, "Melbourne"))
    assert "met (11 February 2022): Japanese Minister for Foreign Affairs Hayashi Yoshimasa" in (
        australia
    )
    assert "Australian Foreign Minister Marise Payne" in australia
    honolulu = "\n".join(stop_block(s.text, "Honolulu"))
    assert re.search(r"met \(1[23] February 2022\): Foreign Minister Chung Eui-yong", honolulu)
    assert "Joint Statement on the U.S.-Japan-Republic of Korea Trilateral" in honolulu
    # A call from elsewhere, another traveller, and an earlier call are not part of the trip.
    assert "Le Drian" not in s.text and "Hulata" not in s.text
    paths = {c.path for c in s.citations}
    assert not any("call-with-japanese" in p or "sherman" in p for p in paths)
    assert len(paths) == 5
    assert_every_line_cited(kb, s)


PACIFIC_ANNOUNCEMENT = release(
    "Statement on Senior Administration Travel to Fiji, Papua New Guinea, and Solomon Islands",
    "2022-04-18T14:00:00+00:00",
    "This week, Indo-Pacific Coordinator Kurt Tamsin will lead a delegation of U.S. government "
    "officials to three Pacific Island nations: Fiji, Papua New Guinea, and the Solomon "
    "Islands. In Fiji, Papua New Guinea, and the Solomon Islands, the delegation will meet with "
    "senior government officials to ensure our partnerships deliver prosperity.",
)
PACIFIC_READOUT = release(
    "Readout of Senior Administration Travel to Fiji, Papua New Guinea, and Solomon Islands",
    "2022-04-22T20:00:00+00:00",
    "On April 22, a high-level U.S. delegation led by Indo-Pacific Coordinator Kurt Tamsin "
    "visited Honiara, Solomon Islands. The delegation met for ninety minutes with Prime "
    "Minister Manasseh Sogavare.\n\n"
    "This visit to Solomon Islands was the final leg of the delegation’s trip across the "
    "Pacific. It followed stops in Fiji, where they met with Prime Minister Frank Bainimarama "
    "and held the Strategic Dialogue; and Papua New Guinea, where they met with Prime Minister "
    "James Marape and senior defense officials to discuss security ties.",
)


def test_a_readout_tells_its_stops_and_merges_the_announcement_before_it(make_kb) -> None:
    """'stops in Fiji, where ...; and Papua New Guinea, where ...' lists two stops, each with
    whom the delegation met there (not the other's); the announcement, published before the
    readout's trip, is a document of the same trip."""
    kb = make_kb(
        {
            "2022-04-18-pacific-statement.txt": PACIFIC_ANNOUNCEMENT,
            "2022-04-22-pacific-readout.txt": PACIFIC_READOUT,
            **{k: v for k, v in FIXTURES.items() if "marlow" in k},
        }
    )
    kb.sync()
    s = summarize(kb.snapshot(), kb.embedder, "the April 2022 Pacific trip readout by Kurt Tamsin")
    assert s.found and s.summary_of == "trip", s.text
    fiji, png = stop_block(s.text, "Fiji"), stop_block(s.text, "Papua New Guinea")
    assert "Frank Bainimarama" in fiji[0] and "Marape" not in fiji[0], s.text
    assert "James Marape" in png[0] and "Bainimarama" not in png[0], s.text
    assert "2022-04-18-pacific-statement.txt" in {c.path for c in s.citations}, s.text
    assert_every_line_cited(kb, s)
