"""Full screens: the case list, the case editor and the submission log, with their parts."""
