"""Evaluation: the composite cooperation index of cities or countries (DESIGN.md capability 6).

Frameworks (a tree of indicators and aggregates with weights and directions) are uploaded as YAML/JSON,
loaded from the CASS 17+1 preset (illustrative data, marked on every page) or edited in the tree editor.
Data is uploaded per unit and year (CSV/XLSX, all-or-nothing with row/column errors) or computed from
TechBridge's own records (:mod:`~techbridge.evaluation.platform`: indicators named ``platform_*``). A run is
the background job ``evaluation.run_index``: the core pipeline, then Monte Carlo rank intervals and Sobol'
indices. Results: ranking, SVG bar/radar/interval/Sobol' charts, a tile map, unit strengths and weaknesses,
comparison across years, XLSX and a PDF report in Chinese or English.

Roles (:mod:`~techbridge.evaluation.rules`): analysts, brokers and administrators do everything; members and
evaluators read published runs only. No personal data is stored or shown here.

Modules: models, services (frameworks, tree edits), uploads (data files), platform (platform indicators),
runs (run lifecycle), jobs (the job), selectors (reads), charts and gridmap (SVG), reports (XLSX, PDF),
views and views_runs (pages), api (django-ninja router under /api/evaluation/).
"""
