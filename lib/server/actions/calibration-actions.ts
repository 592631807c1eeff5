"use server";

import { paths } from "@/lib/paths";
import { callRefInput } from "@/lib/validation/manage";
import { lotteryDrawSchema, lotteryRedoSchema, lotterySettingSchema, retryCalibrationSchema } from "@/lib/validation/calibration";
import { serverAction, type Revalidation } from "../action";
import * as lottery from "../manage/lottery";

/** Every manager page reads live data, so a change refreshes all of them. */
const MANAGER_PAGES: readonly Revalidation[] = [{ path: paths.manage, type: "layout" }];

export const setLotteryAction = serverAction({
  name: "lottery.setting",
  permission: "lottery:run",
  schema: lotterySettingSchema,
  run: (input, actor, now) => lottery.setLottery(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const commitLotteryAction = serverAction({
  name: "lottery.commit",
  permission: "lottery:run",
  schema: callRefInput,
  run: (input, actor, now) => lottery.commitLottery(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const drawLotteryAction = serverAction({
  name: "lottery.draw",
  permission: "lottery:run",
  schema: lotteryDrawSchema,
  run: (input, actor, now) => lottery.drawCommittedLottery(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const redoLotteryAction = serverAction({
  name: "lottery.redo",
  permission: "lottery:run",
  schema: lotteryRedoSchema,
  run: (input, actor, now) => lottery.redoLottery(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const retryCalibrationAction = serverAction({
  name: "calibration.retry",
  permission: "lottery:run",
  schema: retryCalibrationSchema,
  run: (input, actor) => lottery.retryCalibration(actor, input),
  revalidate: MANAGER_PAGES,
});
