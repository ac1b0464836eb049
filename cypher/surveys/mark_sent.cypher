// Note that invitation mails (or reminders) went out.
// params: $ids (list), $reminder (bool)
// returns: marked (int)
MATCH (i:SurveyInvite) WHERE i.id IN $ids
FOREACH (_ IN CASE WHEN $reminder THEN [1] ELSE [] END | SET i.reminded_at = datetime())
FOREACH (_ IN CASE WHEN $reminder THEN [] ELSE [1] END | SET i.sent_at = datetime())
RETURN count(i) AS marked
