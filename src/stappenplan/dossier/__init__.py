"""The dossier: a register of cases with follow-up, repeat offenders and yearly figures."""
