import { describe, expect, it } from 'vitest';
import { factsOf } from '@/lib/crm/facts';

describe('factsOf', () => {
  it('reads tags applied or removed from the config, the summary only as a fallback', () => {
    expect(
      factsOf({
        label: 'Apply/Remove Tag',
        summary: 'x',
        config: { 'Tag action': 'Apply', Tag: 'VIP' },
      }),
    ).toEqual({ appliesTags: ['VIP'] });
    expect(
      factsOf({
        label: 'Apply/Remove Tag',
        summary: '',
        config: { 'Tag action': 'Remove', Tag: 'Lead' },
      }),
    ).toEqual({ removesTags: ['Lead'] });
    expect(factsOf({ label: 'Apply/Remove Tag', summary: 'Remove tag: Lead – Web' })).toEqual({
      removesTags: ['Lead – Web'],
    });
    expect(factsOf({ label: 'Apply/Remove Tag', summary: '', config: { Tag: '' } })).toEqual({});
  });

  it('reads email templates, post URLs and the named set run', () => {
    expect(
      factsOf({ label: 'Send an email', summary: '', config: { 'Email template': 'Receipt' } }),
    ).toEqual({ emailTemplates: ['Receipt'] });
    expect(factsOf({ label: 'Send an email', summary: 'Send email: Receipt' })).toEqual({
      emailTemplates: ['Receipt'],
    });
    expect(
      factsOf({
        label: 'Send an HTTP post to another server',
        summary: 'HTTP post: https://b.example/y',
        config: { 'Post URL': 'https://a.example/x?a=1&b=2' },
      }),
    ).toEqual({ urls: ['https://a.example/x?a=1&b=2'] });
    expect(
      factsOf({
        label: 'Send an HTTP post to another server',
        summary: 'HTTP post: https://b.example/y',
      }),
    ).toEqual({ urls: ['https://b.example/y'] });
    expect(
      factsOf({
        label: 'Run another Action Set',
        summary: '',
        config: { 'Action set': 'Nurture' },
      }),
    ).toEqual({ runsActionSet: 'Nurture' });
    expect(
      factsOf({ label: 'Run another Action Set', summary: 'Run action set: Nurture' }),
    ).toEqual({
      runsActionSet: 'Nurture',
    });
  });

  it('says nothing about other types', () => {
    expect(
      factsOf({ label: 'Create a Task', summary: 'Create task: Call', config: { Title: 'Call' } }),
    ).toEqual({});
  });
});
