import { df } from '../cases.js';
import type { RuleCases } from '../cases.js';

export default {
  bad: [
    { src: df('FROM ubuntu'), line: 1 },
    { src: df('FROM golang:1.23 AS build', 'FROM registry.example.com:5000/team/app'), line: 2 },
  ],
  good: [df('FROM ubuntu:24.04'), df('FROM scratch'), df('FROM golang:1.23 AS build', 'FROM build'), df('FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), df('ARG BASE=alpine:3.20', 'FROM ${BASE}')],
} satisfies RuleCases;
