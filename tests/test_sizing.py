"""Sizing methods computed from the bundled data (no typed-in answers)."""

from __future__ import annotations

import pytest

from ceasefire import scenario as scenario_mod
from ceasefire.assess import assess
from ceasefire.domain import MandateKind
from ceasefire.sizing import METHODS, size


@pytest.fixture(scope="module")
def ukraine():
    return scenario_mod.load()


@pytest.fixture(scope="module")
def sized(ukraine):
    return size(ukraine)


def test_every_method_reports_range_sources_and_applicability(sized):
    assert set(sized.methods) == set(METHODS)
    for m in sized.methods.values():
        assert m.troops.p10 <= m.troops.median <= m.troops.p90
        assert m.sources
        assert m.why


def test_quinlivan_on_government_held_ukraine(sized):
    q = sized.methods["population_stabilisation"]
    assert 500_000 <= q.troops.median <= 650_000
    assert not q.applies


def test_kfor_by_area_is_55_times_and_does_not_apply(sized):
    a = sized.methods["analog_area"]
    assert 53 <= a.parameters["ratio_median"] <= 57
    assert not a.applies


def test_line_densities_monitoring_thousands_deterrence_100k(sized):
    mon = sized.methods["line_monitor"].troops.median
    deter = sized.methods["line_deter"].troops.median
    assert 1_000 <= mon < 10_000
    assert deter >= 100_000


def test_reassure_mandate_pools_interposition(sized, ukraine):
    assert ukraine.mandate.kind is MandateKind.REASSURE
    assert "line_interpose" in sized.pooled_from
    assert "line_deter" not in sized.pooled_from
    assert sized.force_pool.median > sized.deployed.median


def test_mandate_changes_the_answer(ukraine):
    deter = ukraine.model_copy(update={"mandate": ukraine.mandate.model_copy(update={"kind": MandateKind.DETER})})
    monitor = ukraine.model_copy(update={"mandate": ukraine.mandate.model_copy(
        update={"kind": MandateKind.MONITOR})})
    assert size(deter).deployed.median > size(ukraine).deployed.median > size(monitor).deployed.median


def test_same_seed_same_numbers(ukraine):
    assert size(ukraine).deployed == size(ukraine).deployed


def test_coverage_capabilities(sized):
    caps = sized.capabilities
    for c in ("isr", "counter_drone", "electronic_warfare", "air_defence", "manoeuvre"):
        assert caps[c].median > 0


def test_assessment_has_estimates_contributors_and_explanation(ukraine):
    a = assess(ukraine)
    assert len(a.published_estimates) >= 5
    assert a.contributors and a.contributors_total.median > 0
    assert all(c.iso3 not in {"RUS", "BLR", "UKR"} for c in a.contributors)
    assert len(a.why_methods_disagree) >= 3
    assert "troops" in a.headline


def test_a_method_gives_the_same_numbers_whichever_other_methods_run(ukraine, sized):
    # docs/methods.md: "Each input gets its own random stream, so adding a method does not change the others"
    for subset in [("line_interpose",), ("coverage", "line_interpose"), ("line_interpose", "analog_area")]:
        alone = size(ukraine.model_copy(update={"sizing": ukraine.sizing.model_copy(update={"methods": subset})}))
        assert alone.methods["line_interpose"].troops == sized.methods["line_interpose"].troops


def test_a_contributor_without_active_personnel_renders(ukraine):
    # a nation with a published deployable estimate but no active-personnel figure used to break the
    # Markdown and HTML reports ('{{ None|n }}')
    from ceasefire import render

    a = assess(ukraine)
    c = a.contributors[0].model_copy(update={"active_personnel": None})
    a = a.model_copy(update={"contributors": [c, *a.contributors[1:]]})
    assert f"| {c.name} ({c.iso3}) | - |" in render.markdown(a)
    assert c.name in render.html(a)
