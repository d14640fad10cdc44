import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { pagedResponse, pageOf } from '../paging.js';
import { publicBase } from '../public-base.js';
import { issueSummary, itemSummary } from '../present.js';
import { ErrorSchema, IssueDetailSchema, IssueListQuerySchema, IssueListSchema, IssueParamsSchema } from '../schemas/index.js';
import type { RouteOptions } from '../route-options.js';


const routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { publicUrl }) => {
  app.get(
    '/issues',
    {
      schema: {
        tags: ['issues'],
        operationId: 'listIssues',
        summary: 'Every issue, newest first, with item counts',
        querystring: IssueListQuerySchema,
        response: { 200: pagedResponse(Type.Ref(IssueListSchema)), 400: Type.Ref(ErrorSchema) },
      },
    },
    async (request, reply) => {
      const { limit, offset } = request.query;
      const all = app.searchIndex.issues;
      const page = pageOf(request, publicBase(request, publicUrl), { offset, limit, total: all.length });
      if (page.links) reply.header('link', page.links);
      const loadedAt = app.holder.loadedAt?.toISOString() ?? null;
      const newest = all.reduce<(typeof all)[number] | null>((max, issue) => (max === null || issue.number > max.number ? issue : max), null);
      return { ...page.fields, loadedAt, revision: app.holder.revision, newest: newest && issueSummary(newest), issues: all.slice(offset, offset + limit).map(issueSummary) };
    },
  );

  app.get(
    '/issues/:number',
    {
      schema: {
        tags: ['issues'],
        operationId: 'getIssue',
        summary: 'One issue with its lede and its items in order',
        params: IssueParamsSchema,
        response: { 200: Type.Ref(IssueDetailSchema), 400: Type.Ref(ErrorSchema), 404: Type.Ref(ErrorSchema) },
      },
    },
    async (request) => {
      const issue = app.searchIndex.issues.find((i) => i.number === request.params.number);
      if (!issue) throw notFound(`no issue #${request.params.number}`, 'number');
      const base = publicBase(request, publicUrl);
      const items = app.searchIndex.items.filter((i) => i.issue.number === issue.number).map((i) => itemSummary(i, base));
      return { ...issueSummary(issue), items };
    },
  );
};

export default routes;
