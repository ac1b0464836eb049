"""Cooperation gap analyses: pure functions on the networkx graphs of
:mod:`netzwerk.graph.network.snapshot`, one module per family (as networkx organises its
algorithms).

========================  ==============================================================
module                    question for the network manager
========================  ==============================================================
:mod:`.isolation`         Who has no or only one cooperation? Which members are passive?
:mod:`.fragility`         Whose loss would split the network? Who are the brokers?
:mod:`.centrality`        Betweenness (exact or adaptively sampled), closeness, eigenvector…
:mod:`.communities`       Which islands and communities does no cooperation connect?
:mod:`.brokerage`         Who brokers between which sectors (Gould–Fernandez roles)?
:mod:`.mixing`            How closed are sectors, stages, city and district (E–I index)?
:mod:`.holes`             Whose partners do not know each other (Burt's structural holes)?
:mod:`.cores`             Who is in the inner circle, who on the periphery (k-cores)?
:mod:`.metrics`           Every per-actor metric in one table; THE betweenness and communities.
:mod:`.change`            What changed between two dates?
:mod:`.coverage`          Which region has nobody for a stage or topic?
:mod:`.transitions`       Where do adjacent education stages not cooperate?
:mod:`.reach`             Who should join an alliance? Which alliances overlap?
:mod:`.suggestions`       Who should meet whom, and why?
:mod:`.border`            How much do city and district cooperate?
:mod:`.overview`          Key figures for the report.
:mod:`.report`            All of it at once, timed and cached.
:mod:`.tables`            Every result as flat tables for CSV/XLSX and the CLI.
:mod:`.source`            The only module reading the store: profiles, pipeline pairs.
:mod:`._kernel`           The graph in igraph (C kernels), per-graph cache, seeded RNG.
========================  ==============================================================
"""

from netzwerk.graph.analysis._util import (
    Profile,
    RegionRow,
    presence,
    region_rows,
    stage_transitions,
)
from netzwerk.graph.analysis.report import GapReport, cached_gap_report, gap_report

__all__ = [
    "GapReport",
    "Profile",
    "RegionRow",
    "cached_gap_report",
    "gap_report",
    "presence",
    "region_rows",
    "stage_transitions",
]
