"""Personal data: contact selection, consent ledger, DSGVO Auskunft and Löschung."""
