"""The builder of the demo region: reads the tables in ``seed/data``, draws, checks.

Modules, in the order the generator uses them: ``tables`` (the TOML files as typed
records), ``actors`` (regions, places, actors), ``cooperations`` (the network with its
planted gaps), ``groups`` (alliances, projects), ``persons`` (contacts, consent) and
``check`` (integrity against the model, the planted gaps via networkx). ``seed/generate.py``
runs them and writes the JSON.
"""
