import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { handoffRoutes } from './handoff.routes.ts';
import { inquiryRoutes } from './inquiry.routes.ts';

/** 首问负责 (GS-4): inquiries, hand-offs and the notifications outbox. */
export const firstResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(inquiryRoutes);
  await app.register(handoffRoutes);
};
