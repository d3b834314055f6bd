import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM python:3.12', 'RUN pip install flask'), line: 2, message: 'flask' },
    { src: df('FROM python:3.12', 'RUN python3 -m pip install --no-cache-dir requests==2.32.3 "uvicorn[standard]"'), line: 2, message: 'uvicorn' },
  ],
  good: [
    df('FROM python:3.12', 'RUN pip install flask==3.0.3'),
    df('FROM python:3.12', 'RUN pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN pip install --upgrade pip'),
    df('FROM python:3.12', 'RUN pip install . && pip install ./dist/app-1.0-py3-none-any.whl'),
    df('FROM python:3.12', 'RUN pip install "django>=5,<6" git+https://github.com/acme/lib.git'),
  ],
} satisfies RuleCases;
