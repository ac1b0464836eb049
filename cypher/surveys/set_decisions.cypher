// Store the review decisions of an answer (JSON text), in the transaction that applied them.
// params: $id, $decisions
// returns: id
MATCH (a:SurveyAnswer {id: $id})
SET a.decisions = $decisions
RETURN a.id AS id
