from . import report

print(report())
