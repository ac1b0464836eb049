// Consent ledger, Löschkonzept reviews and surveys (Befragungen): unique ids and lookups by
// person, survey and invitation. Applied by `netzwerk init`; idempotent.

CREATE CONSTRAINT consent_id IF NOT EXISTS FOR (c:Consent) REQUIRE c.id IS UNIQUE;
CREATE INDEX consent_person IF NOT EXISTS FOR (c:Consent) ON (c.person_id);
CREATE INDEX consent_expires IF NOT EXISTS FOR (c:Consent) ON (c.expires);
CREATE CONSTRAINT consent_review_id IF NOT EXISTS FOR (r:ConsentReview) REQUIRE r.id IS UNIQUE;
CREATE INDEX consent_review_person IF NOT EXISTS FOR (r:ConsentReview) ON (r.person_id);
CREATE INDEX consent_review_consent IF NOT EXISTS FOR (r:ConsentReview) ON (r.consent_id);
CREATE CONSTRAINT survey_id IF NOT EXISTS FOR (s:Survey) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT survey_invite_id IF NOT EXISTS FOR (i:SurveyInvite) REQUIRE i.id IS UNIQUE;
CREATE INDEX survey_invite_survey IF NOT EXISTS FOR (i:SurveyInvite) ON (i.survey_id);
CREATE INDEX survey_invite_person IF NOT EXISTS FOR (i:SurveyInvite) ON (i.person_id);
CREATE CONSTRAINT survey_answer_id IF NOT EXISTS FOR (a:SurveyAnswer) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT survey_answer_invite IF NOT EXISTS FOR (a:SurveyAnswer) REQUIRE a.invite_id IS UNIQUE;
CREATE INDEX survey_answer_survey IF NOT EXISTS FOR (a:SurveyAnswer) ON (a.survey_id)
