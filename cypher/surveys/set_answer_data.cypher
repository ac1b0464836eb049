// Rewrite an answer's data and the person ids it mentions (after an erasure took a person
// out of it). Not a respondent's save: the version and saved time stay.
// params: $id (answer id), $data (JSON string), $person_ids (list of strings)
// returns: id
MATCH (a:SurveyAnswer {id: $id})
SET a.data = $data, a.person_ids = $person_ids
RETURN a.id AS id
