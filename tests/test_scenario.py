"""Scenario files: valid ones load, bad ones give one line naming file, line and field."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire import scenario
from ceasefire.errors import CeasefireError, ScenarioError

GOOD = """\
name: test
theatre:
  reference: ukraine
mandate:
  kind: monitor
"""


def test_bundled_scenario_loads():
    s = scenario.load()
    assert s.theatre.id == "ukraine"
    assert len(s.theatre.sectors) >= 5
    assert s.theatre.line_km.low <= s.theatre.sector_length_km <= s.theatre.line_km.high


def test_minimal_scenario_uses_reference_theatre():
    s = scenario.parse(GOOD, "s.yaml")
    assert s.theatre.population.low < s.theatre.population.high


@pytest.mark.parametrize("text,line,field,words", [
    ("name: [unclosed\n", 2, None, "malformed YAML"),
    (GOOD + "colour: red\n", 6, "colour", "unknown key"),
    (GOOD.replace("kind: monitor", "kind: conquer"), 5, "mandate.kind", "monitor"),
    (GOOD + "horizon_months: soon\n", 6, "horizon_months", "integer"),
    (GOOD + "horizon_months: -3\n", 6, "horizon_months", "greater than"),
    (GOOD.replace("  reference: ukraine", "  reference: atlantis"), 3, "theatre.reference", "atlantis"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  population: -5"), 4, "theatre.population",
     "population"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  line_km: [1300, 1000]"), 4,
     "theatre.line_km", "low <= value <= high"),
    (GOOD + "sizing:\n  analog_mission: nowhere-2099\n", 7, "sizing.analog_mission", "unknown mission"),
    (GOOD + "sizing:\n  methods: [astrology]\n", 7, "sizing.methods.0", "unknown sizing method"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  sectors:\n    - {name: a, length_km: 10}"),
     4, "theatre.sectors", "add up"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  sectors:\n    - {name: a, length_km: -1}"),
     5, "theatre.sectors.0.length_km", "greater than"),
    ("- just\n- a list\n", 1, None, "expected a mapping"),
    (GOOD + "rotation:\n  ratio: 0.5\n", 7, "rotation.ratio", "between 1 and 20"),
    # an empty list used to mean every method; NaN reached the samplers; half a person passed as a population
    (GOOD + "sizing:\n  methods: []\n", 7, "sizing.methods", "at least 1"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  line_km: .nan"), 4, "theatre.line_km.low",
     "finite"),
    (GOOD.replace("  reference: ukraine", "  reference: ukraine\n  population: [0.5, 1]"), 4,
     "theatre.population", "between 1 and"),
])
def test_bad_scenarios_name_line_and_field(text, line, field, words):
    with pytest.raises(ScenarioError) as e:
        scenario.parse(text, "bad.yaml")
    err = e.value
    assert err.line == line, str(err)
    assert err.field == field, str(err)
    assert words in str(err)
    assert str(err).startswith(f"bad.yaml:{line}")
    assert "\n" not in str(err)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ScenarioError, match="not found"):
        scenario.load(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match="directory"):
        scenario.load(str(tmp_path) + "/")


def test_non_utf8_file(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_bytes(b"name: \xff\xfe\n")
    with pytest.raises(ScenarioError, match="UTF-8"):
        scenario.load(p)


yaml_scalars = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.booleans(), st.none(),
                         st.text(max_size=20))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=20)
keys = st.sampled_from(["name", "theatre", "mandate", "rotation", "sizing", "horizon_months", "as_of",
                        "reference", "sectors", "kind", "line_km", "population", "area_km2"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=300),
    st.dictionaries(keys, st.one_of(yaml_values, st.dictionaries(keys, yaml_values, max_size=5)), max_size=6),
))
def test_random_yaml_never_raises_anything_else(doc):
    from io import StringIO

    from ruamel.yaml import YAML

    if isinstance(doc, dict):
        buf = StringIO()
        YAML().dump(doc, buf)
        text = buf.getvalue()
    else:
        text = doc
    try:
        scenario.parse(text, "fuzz.yaml")
    except CeasefireError as exc:
        assert "\n" not in str(exc)
