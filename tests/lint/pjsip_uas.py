#!/usr/bin/env python3
"""PJSIP (pjsua2, pip `pjsua2-python`) as a user agent on loopback, answering whatever arrives: calls with
180 then 200, and REGISTER, OPTIONS, MESSAGE as PJSIP itself answers them. Runs until killed.

usage: pjsip_uas.py PORT
"""
import sys
import time

import pjsua2 as pj


class Call(pj.Call):
    pass


class Account(pj.Account):
    def __init__(self):
        super().__init__()
        self.calls = []

    def onIncomingCall(self, prm):
        call = Call(self, prm.callId)
        self.calls.append(call)
        ringing = pj.CallOpParam()
        ringing.statusCode = 180
        call.answer(ringing)
        ok = pj.CallOpParam()
        ok.statusCode = 200
        call.answer(ok)


def main():
    port = int(sys.argv[1])
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    transport = pj.TransportConfig()
    transport.port = port
    transport.boundAddress = "127.0.0.1"
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, transport)
    ep.libStart()
    acc_cfg = pj.AccountConfig()
    acc_cfg.idUri = f"sip:pjsip@127.0.0.1:{port}"
    account = Account()
    account.create(acc_cfg)
    print(f"pjsip listening on 127.0.0.1:{port}", flush=True)
    try:
        while True:
            ep.libHandleEvents(20)
    except KeyboardInterrupt:
        pass
    finally:
        ep.libDestroy()


if __name__ == "__main__":
    main()
