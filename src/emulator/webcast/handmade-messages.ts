import type { WebcastMessageMap } from '../../crawler/webcast/index.js';

/**
 * Templates for the methods with no real sample in the fixtures (field names and types from the
 * schema; values chosen to look like the live rooms the samples came from). `ControlMessage`
 * (`action` 3 = the live ended) closes every room's timeline.
 */
export type HandmadeMethod =
  | 'WebcastCommonTextMessage'
  | 'WebcastMatchAgainstScoreMessage'
  | 'WebcastLiveEcomGeneralMessage'
  | 'WebcastEcomFansClubMessage'
  | 'WebcastHotRoomMessage'
  | 'WebcastHotChatMessage'
  | 'WebcastControlMessage';

export const HANDMADE_MESSAGES: { readonly [K in HandmadeMethod]: WebcastMessageMap[K] } = {
  WebcastCommonTextMessage: {
    common: { method: 'WebcastCommonTextMessage', is_show_msg: true },
    scene: 'room_common_text',
    public_area_common: { individual_priority: '10', im_action: 1 },
  },
  WebcastMatchAgainstScoreMessage: {
    common: { method: 'WebcastMatchAgainstScoreMessage' },
    against: {
      left_name: '红队',
      left_goal: '0',
      right_name: '蓝队',
      right_goal: '0',
      timestamp: '0',
      version: '1',
      left_team_id: '1',
      right_team_id: '2',
      current_goal_stage: 1,
      final_goal_stage: 3,
    },
    match_status: 1,
    display_status: 1,
    match_id: '0',
    match_id_str: '0',
  },
  WebcastLiveEcomGeneralMessage: {
    common: { method: 'WebcastLiveEcomGeneralMessage' },
    content_type: 'ecom_live_cart_update',
    content_format: 'json',
    logic_clock: '0',
    trace_time_metric: { op_timestamp: '0', producer_duration: '12', consumer_duration: '3', msg_send_timestamp: '0' },
  },
  WebcastEcomFansClubMessage: {
    common: { method: 'WebcastEcomFansClubMessage', is_show_msg: true },
    action: 1,
    user: { user_id: '0', level: 1 },
  },
  WebcastHotRoomMessage: {
    common: { method: 'WebcastHotRoomMessage' },
    info: { BitMap: '1' },
  },
  WebcastHotChatMessage: {
    common: { method: 'WebcastHotChatMessage', is_show_msg: true },
    title: '大家都在说',
    content: '主播好厉害',
    num: ['12', '8', '5'],
    duration: '10',
    show_duration: ['3', '3', '3'],
    sequence_id: '0',
    hot_list: ['主播好厉害', '来了来了', '666'],
    chat_content_type: '1',
  },
  WebcastControlMessage: {
    common: { method: 'WebcastControlMessage', is_show_msg: true },
    action: '3',
    tips: '直播已结束',
  },
};
