// A second full-text index of persons without their contact fields. The index
// `search_persons` covers e-mail too, so prefix searches by someone who may not read
// e-mail addresses would find persons by words of their hidden address. Search uses this
// index for everyone without the contacts grant. Applied by `netzwerk init`; idempotent.

CREATE FULLTEXT INDEX search_persons_names IF NOT EXISTS
  FOR (n:Person) ON EACH [n.title, n.first_name, n.last_name, n.function]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
