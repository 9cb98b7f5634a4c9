import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const MetaView = z.object({
  /** The one public address every link and QR code is built on (PUBLIC_URL), without a trailing slash. */
  publicUrl: z.string(),
  /** The deployment is served over HTTPS (configured, not guessed from the request). */
  https: z.boolean(),
});

/** Issue #11: what the web needs to build links residents keep, from the server's configuration. */
export const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meta',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['meta'],
        summary: 'Public site facts: the public URL that QR codes and tracking links use',
        response: { 200: MetaView },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return { publicUrl: app.deps.config.publicUrl, https: app.deps.config.https };
    },
  );
};
