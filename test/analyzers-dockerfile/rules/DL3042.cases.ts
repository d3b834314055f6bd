import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM python:3.12', 'RUN pip install -r requirements.txt'), line: 2 },
    { src: df('FROM python:3.12', 'RUN python -m pip install flask==3.0.3'), line: 2 },
    // A value that reads as "keep the cache", inline, exported or from ENV.
    { src: df('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=false pip install -r requirements.txt'), line: 2, message: 'PIP_NO_CACHE_DIR=false' },
    { src: df('FROM python:3.12', 'RUN export PIP_NO_CACHE_DIR=off && pip install flask==3.0.3'), line: 2 },
    { src: df('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=0', 'RUN pip install flask==3.0.3'), line: 3 },
    // The RUN's own setting wins over the ENV.
    { src: df('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN PIP_NO_CACHE_DIR=no pip install flask==3.0.3'), line: 3 },
    // An ENV of a stage this one does not build on, or set after the RUN, does not apply.
    { src: df('FROM python:3.12 AS lint', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install gunicorn==23.0.0'), line: 4 },
    { src: df('FROM python:3.12', 'RUN pip install gunicorn==23.0.0', 'ENV PIP_NO_CACHE_DIR=1'), line: 2 },
    { src: df('FROM python:3.12', 'RUN --mount=type=cache,target=/root/.npm pip install gunicorn==23.0.0'), line: 2 },
  ],
  good: [
    df('FROM python:3.12', 'RUN pip install --no-cache-dir -r requirements.txt'),
    df('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN --mount=type=tmpfs,target=/root/.cache/pip pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN export PIP_NO_CACHE_DIR=true && pip install -r requirements.txt'),
    df('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=on', 'FROM base', 'RUN pip install gunicorn==23.0.0'),
    df('ENV PIP_NO_CACHE_DIR=yes', 'RUN pip install gunicorn==23.0.0'),
  ],
  fixes: [{ src: df('FROM python:3.12', 'RUN pip3 install -r requirements.txt'), out: df('FROM python:3.12', 'RUN pip3 install --no-cache-dir -r requirements.txt') }],
} satisfies RuleCases;
