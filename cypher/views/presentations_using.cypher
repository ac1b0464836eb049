// The presentations that may show one of the saved views $ids on a slide, so the views page
// can name them before a view is deleted or renamed. A slide names its view by id inside the
// presentation's JSON text, so this is a first cut by that text; the caller parses the slides.
// params: $ids (list of view ids)
// returns: id, name, slides (JSON text), by name
MATCH (p:Presentation)
WHERE any(id IN $ids WHERE p.slides CONTAINS id)
RETURN p.id AS id, p.name AS name, p.slides AS slides
ORDER BY toLower(p.name), p.id
