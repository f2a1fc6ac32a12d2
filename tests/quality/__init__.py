"""Quality gates over every page of the built site (pages found from its sitemap.xml, plus 404.html).

Part of `make test`; each prints its figures in a "quality gate figures" section (plugin: figures.py):
- test_accessibility.py: axe-core, zero violations, light and dark palette, as first seen on a phone and a desktop,
  with every block rendered, and after running a snippet;
- test_links.py: linkinator, every internal link and #anchor resolves (other sites skipped);
- test_third_party.py: no request to any origin but the local server, on page load and during a snippet run;
- test_html.py: unique titles and descriptions, sitemap, a helpful 404 page, favicon, social preview image;
- test_print.py: readable print in either palette.

Apart: `make audit` (lighthouse.py), Lighthouse on every page, each compared with itself without the runner and with a
plain page of the same length (README.md says why and what the limits are).
render_social_card.py renders docs/assets/social-card.png from its SVG.
"""
