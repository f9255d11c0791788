import { defineListFilter, defineRecordFilter, type ListFilter, type RecordFilter } from './define-filter.js';
import { arr, first, id, num, str, type Obj } from './read.js';

export interface SuggestWordPage {
  status_code: number | null;
  /** `$.msg`. */
  status_msg: string | null;
}

export interface SuggestWordItem {
  suggest_word_id: string | null;
  suggest_word: string | null;
}

export type SuggestWordFilter = ListFilter<SuggestWordPage, SuggestWordItem>;

/** `/aweme/v1/web/api/suggest_words/`: words in `data[0].words[]`. */
export const SuggestWordFilter = defineListFilter({
  name: 'SuggestWordFilter',
  page: (root: Obj): SuggestWordPage => ({ status_code: num(root.status_code), status_msg: str(root.msg) }),
  entries: (root) => arr(first(root.data).words),
  item: (word: Obj): SuggestWordItem => ({ suggest_word_id: id(word.id_str, word.id), suggest_word: str(word.word) }),
});

export interface PostStatsRecord {
  status_code: number | null;
  status_msg: string | null;
}

export type PostStatsFilter = RecordFilter<PostStatsRecord>;

/** `POST /aweme/v2/web/aweme/stats/` (play-count report): only the status. */
export const PostStatsFilter = defineRecordFilter({
  name: 'PostStatsFilter',
  build: (root: Obj): PostStatsRecord => ({ status_code: num(root.status_code), status_msg: str(root.status_msg) }),
});
