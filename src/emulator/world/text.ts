import type { LyricLine } from './model.js';
import type { Rng } from './random.js';

/** Word lists for invented but realistic-looking Douyin text (mixed Chinese, Latin and emoji). */
const NICK_HEAD = ['燃剪', '老司机', '小蔓', '醒子', '内格夫', '阿狸', '橘猫', '北漂', '山城', '阿飞', '木子', '清风', '团子', '大白', '星河'];
const NICK_TAIL = ['Kevin', '摄影', '8ke', '教主', '日记', '', '酱', 'Duck', '同学', '的vlog', '很忙', '呀', '🍊', '233', 'Official'];
const SIGNATURE = ['风格多变的小🦁️', '记录美好生活', '商务合作请私信', '每天更新，感谢关注', '一个热爱生活的人\n📷 摄影 / 旅行', '不翻车的老司机'];
const CITIES = ['成都', '深圳', '北京', '上海', '杭州', '广州', '重庆', '西安', ''];
const PROVINCES: Record<string, string> = { 成都: '四川', 深圳: '广东', 北京: '北京', 上海: '上海', 杭州: '浙江', 广州: '广东', 重庆: '重庆', 西安: '陕西', '': '' };
const TOPICS = ['旅行', '美食', '摄影', '电影', '游戏', '音乐', '萌宠', '日常', '健身', '科技', '穿搭', '读书'];
const PHRASES = [
  '今天的风好温柔', '飞行员跳伞进山寨', '这个镜头绝了', '第一次尝试', '记录一下', '你们觉得怎么样',
  '终于等到这一天', '周末去哪儿', '一口气看完', '学会这招就够了', '原来是这样', '太好笑了',
];
const COMMENTS = ['哈哈哈哈', '太棒了[赞]', '求同款', '第一！', '学到了', '这也太可爱了吧', '[呲牙][呲牙]', '已关注', '好家伙', '拍得真好'];
const LIVE_TITLES = ['内格夫强势打法，把把虐', '深夜聊天室', '分析头像', '今晚一起唱歌', '带你看日落', '新品上架'];
const LYRIC_WORDS = ['晚风', '吹过', '城市', '的', '灯火', '我们', '一起', '走过', '那年', '夏天', '星光', '不眠'];

export function nickname(rng: Rng): string {
  return rng.pick(NICK_HEAD) + rng.pick(NICK_TAIL);
}

/** A deterministic new name for a user after `epoch` renames (nickname changes between runs). */
export function renamedNickname(base: string, epoch: number): string {
  return epoch <= 0 ? base : `${base}·${epoch}`;
}

export function signature(rng: Rng): string {
  return rng.pick(SIGNATURE);
}

export function city(rng: Rng): { city: string; province: string } {
  const c = rng.pick(CITIES);
  return { city: c, province: PROVINCES[c] ?? '' };
}

export function uniqueId(rng: Rng): string {
  return `${rng.alnumLower(rng.int(5, 9))}${rng.chance(0.5) ? `_${rng.int(1, 99)}` : ''}`;
}

export function topic(rng: Rng): string {
  return rng.pick(TOPICS);
}

/** Post text with `#hashtag`s, as in `desc` (`text_extra` gives their positions). */
export function postText(rng: Rng, tags: readonly string[]): string {
  return `${rng.pick(PHRASES)} ${tags.map((t) => `#${t}`).join(' ')}`.trim();
}

export function commentText(rng: Rng): string {
  return rng.pick(COMMENTS);
}

export function liveTitle(rng: Rng): string {
  return rng.pick(LIVE_TITLES);
}

export function musicTitle(rng: Rng): string {
  return `${rng.pick(LYRIC_WORDS)}${rng.pick(LYRIC_WORDS)}${rng.chance(0.3) ? ' (Live)' : ''}`;
}

/** Lyrics in Douyin's JSON form (`[{text, timeId}]`, seconds as a decimal string). */
export function lyrics(rng: Rng, durationS: number): LyricLine[] {
  const out: LyricLine[] = [];
  let t = rng.int(2, 6) + rng.int(0, 999) / 1000;
  while (t < durationS - 2) {
    const words = rng.int(3, 6);
    let line = '';
    for (let i = 0; i < words; i++) line += rng.pick(LYRIC_WORDS);
    out.push({ text: line, timeId: t.toFixed(3) });
    t += rng.int(2, 5) + rng.int(0, 999) / 1000;
  }
  return out;
}

/** Positions of each `#tag` in the text, in UTF-16 units, as `text_extra` reports them. */
export function hashtagSpans(text: string, tags: readonly string[]): { start: number; end: number; name: string }[] {
  const spans: { start: number; end: number; name: string }[] = [];
  let from = 0;
  for (const tag of tags) {
    const at = text.indexOf(`#${tag}`, from);
    if (at < 0) continue;
    spans.push({ start: at, end: at + tag.length + 1, name: tag });
    from = at + tag.length + 1;
  }
  return spans;
}
