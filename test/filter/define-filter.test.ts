import { describe, expect, it } from 'vitest';
import * as filters from '../../src/filter/index.js';
import { defineListFilter, defineRecordFilter, UserPostFilter } from '../../src/filter/index.js';
import { loadFixture } from './fixtures.js';

describe('the filter barrel', () => {
  it('exports every F2 filter class named in the endpoint table, plus the extra shapes', () => {
    const expected = [
      'UserProfileFilter', 'PostDetailFilter', 'UserPostFilter', 'UserLikeFilter', 'UserCollectionFilter',
      'UserCollectsFilter', 'UserCollectsVideosFilter', 'UserMusicCollectionFilter', 'UserMixFilter',
      'PostCommentFilter', 'PostCommentReplyFilter', 'PostRelatedFilter', 'FriendFeedFilter',
      'HomePostSearchFilter', 'SuggestWordFilter', 'UserLiveFilter', 'UserLive2Filter', 'FollowingUserLiveFilter',
      'UserLiveStatusFilter', 'UserFollowingFilter', 'UserFollowerFilter', 'QueryUserFilter', 'PostStatsFilter',
      'LiveImFetchFilter', 'PostLocateFilter', 'PostFeedFilter', 'FollowFeedFilter', 'UserShortInfoFilter',
    ];
    const exported = filters as Record<string, unknown>;
    for (const name of expected) expect(typeof exported[name], name).toBe('function');
    expect(filters.PostDetailFilter.name).toBe('PostDetailFilter');
    expect(filters.UserMixFilter.name).toBe('UserCollectionFilter'); // F2: same shape
  });
});

describe('list filters', () => {
  const raw = loadFixture('user_post__1');

  it('build items once and hand out fresh column arrays', () => {
    const page = new UserPostFilter(raw);
    expect(page.items).toBe(page.items);
    const column = page.aweme_id;
    column.push('mutated');
    expect(page.aweme_id).toEqual(['7253290037918354691']);
    const list = page.toList();
    list.pop();
    expect(page.toList()).toHaveLength(1);
    expect(page).toBeInstanceOf(UserPostFilter);
  });

  it('columns are not own enumerable fields (toDict is the snapshot)', () => {
    const page = new UserPostFilter(raw);
    expect(Object.keys(page)).toEqual(['raw']);
    expect(Object.keys(page.toDict())).toContain('aweme_id');
  });

  it('refuse a spec whose property names collide', () => {
    expect(() =>
      defineListFilter({ name: 'Clash', page: () => ({ cursor: 1 }), entries: () => [], item: () => ({ cursor: 2 }) }),
    ).toThrow(/"cursor" is used twice/);
    expect(() => defineRecordFilter({ name: 'Reserved', build: () => ({ raw: 1 }) })).toThrow(/"raw"/);
  });
});

describe('record filters', () => {
  it('build the record lazily, once', () => {
    let builds = 0;
    const Counting = defineRecordFilter({
      name: 'Counting',
      build: (root) => {
        builds++;
        return { value: typeof root.value === 'number' ? root.value : null };
      },
    });
    builds = 0; // the property names were read once at definition
    const filter = new Counting({ value: 3 });
    expect(builds).toBe(0);
    expect(filter.value).toBe(3);
    expect(filter.toDict()).toEqual({ value: 3 });
    expect(builds).toBe(1);
  });
});
