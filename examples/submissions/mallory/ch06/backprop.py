# (sample) hostile: exits the worker at import, after printing a fake report
import os
print('6.5: 10/10 PASSED')
os._exit(0)
