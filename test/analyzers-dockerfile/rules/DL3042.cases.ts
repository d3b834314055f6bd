import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM python:3.12', 'RUN pip install -r requirements.txt'), line: 2 }, { src: df('FROM python:3.12', 'RUN python -m pip install flask==3.0.3'), line: 2 }],
  good: [
    df('FROM python:3.12', 'RUN pip install --no-cache-dir -r requirements.txt'),
    df('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt'),
  ],
  fixes: [{ src: df('FROM python:3.12', 'RUN pip3 install -r requirements.txt'), out: df('FROM python:3.12', 'RUN pip3 install --no-cache-dir -r requirements.txt') }],
} satisfies RuleCases;
