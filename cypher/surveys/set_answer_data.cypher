// Rewrite an answer's data, its handed-in copy and the person ids it mentions (after an
// erasure took a person out of it). Not a respondent's save: the version and saved time stay.
// params: $id (answer id), $data (JSON string), $submitted_data (JSON string or null),
//         $person_ids (list of strings)
// returns: id
MATCH (a:SurveyAnswer {id: $id})
SET a.data = $data, a.submitted_data = $submitted_data, a.person_ids = $person_ids
RETURN a.id AS id
