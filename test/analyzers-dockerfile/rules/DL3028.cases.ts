import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [{ src: df('FROM ruby:3.3', 'RUN gem install bundler'), line: 2 }],
  good: [df('FROM ruby:3.3', 'RUN gem install bundler:2.5.22'), df('FROM ruby:3.3', 'RUN gem install bundler -v 2.5.22'), df('FROM ruby:3.3', 'RUN gem install ./pkg/app-1.0.gem')],
} satisfies RuleCases;
