import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM python:3.12', 'RUN pip install flask'), line: 2, message: 'flask' },
    { src: df('FROM python:3.12', 'RUN python3 -m pip install --no-cache-dir requests==2.32.3 "uvicorn[standard]"'), line: 2, message: 'uvicorn' },
    // A VCS requirement without a ref follows the branch head; `git@` is the ssh user, not a ref.
    { src: df('FROM python:3.12', 'RUN pip install "django>=5,<6" git+https://github.com/acme/lib.git'), line: 2, message: 'git+https' },
    { src: df('FROM python:3.12', 'RUN pip install --upgrade pip && \\', '    pip install --no-cache-dir "git+https://gitlab.example.com/team/metrics-client.git#egg=metrics-client"'), line: 3, message: 'metrics-client' },
    { src: df('FROM python:3.12', 'RUN pip install git+ssh://git@git.example.org/infra/deploy-tools.git'), line: 2 },
    { src: df('FROM python:3.12-slim', 'ENV PIPX_BIN_DIR=/usr/local/bin', 'RUN pip install pipx==1.7.1 && pipx install ruff'), line: 3, message: 'pipx install without pinned versions: ruff' },
  ],
  good: [
    df('FROM python:3.12', 'RUN pip install flask==3.0.3'),
    df('FROM python:3.12', 'RUN pip install -r requirements.txt'),
    df('FROM python:3.12', 'RUN pip install --upgrade pip'),
    df('FROM python:3.12', 'RUN pip install . && pip install ./dist/app-1.0-py3-none-any.whl'),
    df('FROM python:3.12', 'RUN pip install "git+https://github.com/acme/lib.git@v2.4.1#egg=acme-lib"'),
    df('FROM python:3.12', 'RUN pip install git+ssh://git@git.example.org/infra/deploy-tools.git@3f2a9c1'),
    // A constraints file pins what the named packages resolve to.
    df('FROM python:3.12', 'RUN pip install --no-cache-dir -c https://example.com/constraints-3.12.txt celery redis'),
    df('FROM python:3.12', 'COPY constraints.txt /tmp/', 'RUN pip install --constraint /tmp/constraints.txt celery'),
    // A local directory is the project's own code.
    df('FROM python:3.12', 'COPY vendor/sdk vendor/sdk', 'RUN pip install vendor/sdk'),
    df('FROM python:3.12-slim', 'RUN pip install pipx==1.7.1 && pipx install --python python3.12 "ruff==0.6.9"'),
    df('FROM python:3.12', 'RUN pipenv install --deploy --system'),
  ],
} satisfies RuleCases;
