"""Bildungsmonitoring beside the network: indicator values per region and year.

=====================  ==================================================================
:mod:`.reader`         GENESIS flat files and the office's own tables, read into values
:mod:`.regions`        which stored region a row means (official key, then name)
:mod:`.plan`           the dry run: what an import would write, as an import plan
:mod:`.joined`         per region: indicators, network measures, coverage weighted by
                       demand, the trend by year
=====================  ==================================================================

The import is written by :func:`netzwerk.graph.operations.import_indicators` (a changeset).
"""

from netzwerk.graph.indicators.joined import (
    WEIGHTINGS,
    Joined,
    Need,
    RegionFigures,
    Series,
    Weighted,
    join,
    joined_view,
    needs,
    stored,
)
from netzwerk.graph.indicators.plan import IndicatorPlan, plan_indicators
from netzwerk.graph.indicators.reader import (
    CellError,
    IndicatorFileError,
    Reading,
    Value,
    read,
)
from netzwerk.graph.indicators.regions import RegionIndex, stored_regions

__all__ = [
    "WEIGHTINGS",
    "CellError",
    "IndicatorFileError",
    "IndicatorPlan",
    "Joined",
    "Need",
    "Reading",
    "RegionFigures",
    "RegionIndex",
    "Series",
    "Value",
    "Weighted",
    "join",
    "joined_view",
    "needs",
    "plan_indicators",
    "read",
    "stored",
    "stored_regions",
]
