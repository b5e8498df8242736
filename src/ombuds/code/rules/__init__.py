"""The Assessment Code's tests, one small class per ground id, grouped by theme.

- `standing`: who may complain and about whom (validity tests, body, all or most, previously
  decided).
- `time_limits`: late and premature complaints.
- `appeals`: rights of appeal to a tribunal, a Minister or a court.
- `excluded`: matters Schedule 5 puts outside jurisdiction.
- `fault`: the fault and injustice tests of discretion.
- `remedy`: what an investigation could add or achieve.
- `elsewhere`: other bodies and procedures better placed, and individual conduct.
- `linked`: complaint handling, linked matters and the general tests statement.
"""
