// Repair: date fields hold dates. Before the record codec, undoing a delete could store a
// cooperation's `since` (or a person's consent date) as a datetime, and every page that
// compares dates then failed. Run by `netzwerk init` (idempotent: touches only values that
// are not dates yet). Text values keep their first ten characters (YYYY-MM-DD).

MATCH ()-[r:WORKS_AT|MEMBER_OF|PARTICIPATES_IN|COOPERATES_WITH]->()
WHERE (r.since IS NOT NULL AND NOT r.since IS :: DATE)
   OR (r.until IS NOT NULL AND NOT r.until IS :: DATE)
SET r.since = CASE WHEN r.since IS :: STRING THEN date(left(r.since, 10))
                   WHEN r.since IS NULL OR r.since IS :: DATE THEN r.since
                   ELSE date(r.since) END,
    r.until = CASE WHEN r.until IS :: STRING THEN date(left(r.until, 10))
                   WHEN r.until IS NULL OR r.until IS :: DATE THEN r.until
                   ELSE date(r.until) END;

MATCH (p:Person)
WHERE (p.consent_newsletter_date IS NOT NULL AND NOT p.consent_newsletter_date IS :: DATE)
   OR (p.consent_contact_date IS NOT NULL AND NOT p.consent_contact_date IS :: DATE)
SET p.consent_newsletter_date = CASE
      WHEN p.consent_newsletter_date IS :: STRING THEN date(left(p.consent_newsletter_date, 10))
      WHEN p.consent_newsletter_date IS NULL OR p.consent_newsletter_date IS :: DATE
        THEN p.consent_newsletter_date
      ELSE date(p.consent_newsletter_date) END,
    p.consent_contact_date = CASE
      WHEN p.consent_contact_date IS :: STRING THEN date(left(p.consent_contact_date, 10))
      WHEN p.consent_contact_date IS NULL OR p.consent_contact_date IS :: DATE
        THEN p.consent_contact_date
      ELSE date(p.consent_contact_date) END;

MATCH (a:Alliance)
WHERE a.founded IS NOT NULL AND NOT a.founded IS :: DATE
SET a.founded = CASE WHEN a.founded IS :: STRING THEN date(left(a.founded, 10))
                     ELSE date(a.founded) END;

MATCH (p:Project)
WHERE (p.start IS NOT NULL AND NOT p.start IS :: DATE)
   OR (p.end IS NOT NULL AND NOT p.end IS :: DATE)
SET p.start = CASE WHEN p.start IS :: STRING THEN date(left(p.start, 10))
                   WHEN p.start IS NULL OR p.start IS :: DATE THEN p.start
                   ELSE date(p.start) END,
    p.end = CASE WHEN p.end IS :: STRING THEN date(left(p.end, 10))
                 WHEN p.end IS NULL OR p.end IS :: DATE THEN p.end
                 ELSE date(p.end) END;
