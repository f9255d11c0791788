import { toAwemeRecord, type AwemeRecord } from './aweme-record.js';
import { defineRecordFilter, type RecordFilter } from './define-filter.js';
import { id, num, obj, str, type Obj } from './read.js';

export interface PostDetailRecord extends AwemeRecord {
  api_status_code: number | null;
  /**
   * False when `aweme_detail` is null (deleted, private, under review): see `filter_reason`.
   * `aweme_id` is then taken from `filter_detail`, every other post field is empty.
   */
  exists: boolean;
  /** `filter_detail.filter_reason`, e.g. `status_self_see`, `status_deleted`. */
  filter_reason: string | null;
  /** `filter_detail.detail_msg`: Douyin's explanation for the user. */
  filter_detail_msg: string | null;
  /** `filter_detail.notice`, e.g. "抱歉，作品不见了". */
  filter_notice: string | null;
}

function buildPostDetail(root: Obj): PostDetailRecord {
  const detail = root.aweme_detail;
  const exists = typeof detail === 'object' && detail !== null && !Array.isArray(detail);
  const filter = obj(root.filter_detail);
  const record = toAwemeRecord(obj(detail));
  return {
    api_status_code: num(root.status_code),
    exists,
    filter_reason: str(filter.filter_reason),
    filter_detail_msg: str(filter.detail_msg),
    filter_notice: str(filter.notice),
    ...record,
    // A missing post still names itself in filter_detail, which callers need for skip lists.
    aweme_id: record.aweme_id ?? id(filter.aweme_id),
  };
}

export type PostDetailFilter = RecordFilter<PostDetailRecord>;

/** `/aweme/v1/web/aweme/detail/`. */
export const PostDetailFilter = defineRecordFilter({ name: 'PostDetailFilter', build: buildPostDetail });
