"""The bundled reference data: sourced, valid, and giving the figures the debate rests on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import reference
from ceasefire.errors import DataError


def test_every_bundled_table_loads_with_sources():
    counts = reference.check_bundled()
    assert counts["missions"] >= 20
    assert counts["estimates"] >= 5
    for kind in reference.KINDS:
        for row in reference._bundled(kind):
            assert row.sources, (kind, row)
            assert all(s.url.startswith(("http://", "https://")) for s in row.sources)
            assert row.as_of


def test_required_missions_are_present():
    ids = set(reference.missions())
    for needed in ("kfor-1999", "unficyp-1964", "osce-smm", "korea-dmz"):
        assert needed in ids


def test_nations_cover_nato_and_eu_and_partners():
    nations = reference.nations()
    assert sum(n.nato for n in nations.values()) == 32
    assert sum(n.eu for n in nations.values()) == 27
    for iso3 in ("UKR", "RUS", "AUS", "CAN", "JPN", "TUR", "NOR", "GBR", "USA"):
        assert iso3 in nations


def test_ukraine_is_about_55_times_kosovo():
    t = reference.theatres()
    ratio = t["ukraine"].area_km2 / t["kosovo"].area_km2
    assert 53 <= ratio <= 57


def test_kfor_1999_per_1000_inhabitants():
    kfor = reference.missions()["kfor-1999"]
    assert 20 <= kfor.per_1000_inhabitants <= 25


def test_line_missions_have_densities():
    dens = {m.id: m.per_km_line for m in reference.missions().values() if m.per_km_line}
    assert dens["korea-dmz"] > 100  # a deterrence line is dense
    assert len(dens) >= 5


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEADER = "id,name,start_year,peak_troops,mandate,outcome,source_url,as_of\n"


def test_row_without_source_is_refused_with_line_and_field(tmp_path):
    p = _csv(tmp_path, "missions.csv", HEADER + "a,A,1999,100,monitor,held,https://x.org,1999\n"
             "b,B,2000,100,monitor,held,,2000\n")
    with pytest.raises(DataError) as e:
        reference.read_file(p)
    assert e.value.line == 3 and e.value.field == "source_url"
    assert "missions.csv:3" in str(e.value)


@pytest.mark.parametrize("row,field", [
    ("a,A,1999,-5,monitor,held,https://x.org,1999", "peak_troops"),
    ("a,A,1999,many,monitor,held,https://x.org,1999", "peak_troops"),
    ("a,A,1999,100,bogus,held,https://x.org,1999", "mandate"),
    ("a,A,1999,100,monitor,held,ftp://x.org,1999", "source_url"),
    ("a,A,1999,100,monitor,held,https://x.org,last year", "as_of"),
    ("a,A,1999,100000000,monitor,held,https://x.org,1999", "peak_troops"),
])
def test_bad_mission_values_name_the_field(tmp_path, row, field):
    p = _csv(tmp_path, "missions.csv", HEADER + row + "\n")
    with pytest.raises(DataError) as e:
        reference.read_file(p)
    assert e.value.field == field and e.value.line == 2


def test_unknown_country_code_is_refused(tmp_path):
    p = _csv(tmp_path, "nations.csv", "iso3,name,active_personnel,source_url,as_of\n"
             "XYZ,Nowhere,100,https://x.org,2025\n")
    with pytest.raises(DataError) as e:
        reference.read_file(p)
    assert e.value.field == "iso3" and "XYZ" in str(e.value)


def test_unknown_column_and_duplicates(tmp_path):
    p = _csv(tmp_path, "estimates.csv", "id,who,colour,source_url,as_of\n")
    with pytest.raises(DataError, match="unknown column"):
        reference.read_file(p)
    p = _csv(tmp_path, "missions.csv", HEADER + "a,A,1999,100,monitor,held,https://x.org,1999\n" * 2)
    with pytest.raises(DataError, match="duplicate id"):
        reference.read_file(p)


def test_binary_and_undecodable_files(tmp_path):
    p = tmp_path / "missions.csv"
    p.write_bytes(b"\x00\x01\x02")
    with pytest.raises(DataError, match="binary"):
        reference.read_file(p)
    p.write_bytes(b"id,name\n\xff\xfe\xfa")
    with pytest.raises(DataError, match="UTF-8"):
        reference.read_file(p)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_csv_text_gives_rows_or_a_data_error(text):
    for kind in reference.KINDS:
        try:
            reference.read_rows(text, kind, "fuzz.csv")
        except DataError as exc:
            assert "\n" not in str(exc)


@pytest.mark.parametrize("name,text,field", [
    ("missions.csv", "id,name,start_year,peak_troops,peak_troops_low,peak_troops_high,mandate,outcome,"
     "source_url,as_of\n"
     "a,A,1999,100,10,20,monitor,held,https://x.org,1999\n", "peak_troops"),
    ("theatres.csv", "id,name,area_km2,population,population_low,population_high,source_url,as_of\n"
     "t,T,100,1000,2000,3000,https://x.org,2025\n", "population"),
    ("parameters.csv", "key,low,value,high,source_url,as_of\nk,5,1,10,https://x.org,2025\n", "value"),
    ("parameters.csv", "key,low,value,high,source_url,as_of\nk,0,nan,10,https://x.org,2025\n", "value"),
    ("estimates.csv", "id,who,published,troops_low,troops_high,mandate,source_url,as_of\n"
     "e,E,2025,5000,100,reassure,https://x.org,2025\n", "troops_low"),
])
def test_a_figure_outside_its_own_range_is_refused(tmp_path, name, text, field):
    with pytest.raises(DataError) as e:
        reference.read_file(_csv(tmp_path, name, text))
    assert e.value.line == 2 and e.value.field == field


def test_infinite_figures_are_refused(tmp_path):
    p = _csv(tmp_path, "theatres.csv", "id,name,area_km2,population,source_url,as_of\n"
             "t,T,inf,1000,https://x.org,2025\n")
    with pytest.raises(DataError) as e:
        reference.read_file(p)
    assert e.value.field == "area_km2" and e.value.line == 2


def test_an_endless_device_is_refused_without_reading_it_all():
    with pytest.raises(DataError, match="binary"):
        reference.read_file(Path("/dev/zero"), "missions")  # used to read until memory ran out
