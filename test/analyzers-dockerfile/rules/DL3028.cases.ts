import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM ruby:3.3', 'RUN gem install bundler'), line: 2 },
    // Gems before `--` are still checked.
    { src: df('FROM ruby:3.3', 'RUN gem install pg:1.5.9 nokogiri -- --with-pg-config=/usr/bin/pg_config'), line: 2, message: 'nokogiri' },
  ],
  good: [
    df('FROM ruby:3.3', 'RUN gem install bundler:2.5.22'),
    df('FROM ruby:3.3', 'RUN gem install bundler -v 2.5.22'),
    df('FROM ruby:3.3', 'RUN gem install ./pkg/app-1.0.gem'),
    // After `--` come build options for the gem's native extension.
    df('FROM ruby:3.3', 'RUN gem install nokogiri:1.16.7 -- --use-system-libraries --with-xml2-include /usr/include/libxml2'),
    df('FROM ruby:3.3', 'RUN gem install --no-document mysql2:0.5.6 -- --with-mysql-dir=/usr/local/mysql'),
    df('FROM ruby:3.3', 'RUN gem install nokogiri:1.16.7 --use-system-libraries false'),
  ],
} satisfies RuleCases;
